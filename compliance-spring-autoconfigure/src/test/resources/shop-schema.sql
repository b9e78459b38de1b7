CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(200), name VARCHAR(200), created_at TIMESTAMP);
CREATE TABLE leads (id BIGINT PRIMARY KEY, email VARCHAR(200), created_at TIMESTAMP);
INSERT INTO customers VALUES (1, 'ann@example.com', 'Ann', TIMESTAMP '2024-01-01 00:00:00');
INSERT INTO leads VALUES (1, 'old@example.com', TIMESTAMP '2020-01-01 00:00:00');
INSERT INTO leads VALUES (2, 'older@example.com', TIMESTAMP '2019-01-01 00:00:00');
INSERT INTO leads VALUES (3, 'new@example.com', TIMESTAMP '2999-01-01 00:00:00');
