-- The content catalog: each item as a JSON document at its current version, every version kept, and its tags
-- (topic, stage, language, channel, level) as rows the search filters on.
create table contents (
    id          text        primary key,
    version     integer     not null,
    document    text        not null,   -- the content as JSON
    reviewed_at timestamptz not null,
    updated_at  timestamptz not null
);

create table content_versions (
    content_id text        not null references contents (id),
    version    integer     not null,
    document   text        not null,
    changed_at timestamptz not null,
    changed_by text        not null,
    primary key (content_id, version)
);

create table content_tags (
    content_id text not null references contents (id),
    dimension  text not null,             -- topic, stage, language, channel, level
    value      text not null,
    primary key (content_id, dimension, value)
);

create index content_tags_search on content_tags (dimension, value);
