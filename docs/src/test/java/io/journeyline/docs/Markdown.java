package io.journeyline.docs;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One Markdown file as the checks see it, parsed by commonmark-java (with GitHub's tables): the anchors its headings
 * get, the links and images it holds, and the commands it shows (fenced code blocks and inline code), each with its
 * line.
 */
record Markdown(Path file, Set<String> anchors, List<Found> links, List<Found> codeBlocks, List<Found> inlineCode) {
    /** A link destination, a code block's text or a code span, and the line it starts on. */
    record Found(String text, int line) {
    }

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    /** Folders no Markdown of ours lives in: build output, tools unpacked by the build, local data. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".mvn", ".idea", "data");

    static Markdown read(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Markdown parse(Path file, String text) {
        Node document = PARSER.parse(text);
        // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, "-1", "-2" for repeated headings
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> anchors = new LinkedHashSet<>();
        List<Found> links = new ArrayList<>();
        List<Found> blocks = new ArrayList<>();
        List<Found> inline = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder title = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text text) {
                        title.append(text.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        title.append(code.getLiteral());
                    }
                });
                anchors.add(ids.generateId(title.toString()));
                visitChildren(heading);
            }

            @Override
            public void visit(Link link) {
                links.add(new Found(link.getDestination(), line(link)));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links.add(new Found(image.getDestination(), line(image)));
            }

            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(new Found(block.getLiteral(), line(block) + 1));
            }

            @Override
            public void visit(Code code) {
                inline.add(new Found(code.getLiteral(), line(code)));
            }
        });
        return new Markdown(file, anchors, links, blocks, inline);
    }

    private static int line(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    /** Every Markdown file of the repository (not its build output). */
    static List<Path> all(Path repository) {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> repository.relativize(path).getParent() == null || Stream.iterate(
                                    repository.relativize(path).getParent(), p -> p != null, Path::getParent)
                            .noneMatch(folder -> SKIPPED.contains(folder.getFileName().toString())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
