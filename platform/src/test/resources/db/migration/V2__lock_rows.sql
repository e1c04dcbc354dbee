-- Two rows two transactions can lock in opposite orders: a real deadlock for DeadlockTest.
create table lock_rows (
    id int primary key
);
insert into lock_rows (id) values (1), (2);
