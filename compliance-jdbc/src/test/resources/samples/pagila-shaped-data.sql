-- A few rows per table with awkward values. One transaction: store.manager_staff_id is checked at commit.
BEGIN;
INSERT INTO language (language_id, name, last_update) VALUES
    (1, 'English', '2006-02-15 10:02:19'), (2, 'Ελληνικά', '2021-03-28 02:30:00'), (3, '日本語 🎬', '0001-01-01 00:00:00');
INSERT INTO address (address_id, address, district, location, phone, last_update) VALUES
    (1, '47 MySakila Drive', 'Alberta', '(1.5,-2.25)', '', '2006-02-15 09:45:30'),
    (2, 'Tab	and
newline \N back\slash "quoted" ''single''', NULL, NULL, '\N', 'infinity'),
    (3, '', 'QLD', '(0,0)', '+61 (0)7', '-infinity');
INSERT INTO store (store_id, manager_staff_id, address_id, last_update) VALUES
    (1, 1, 1, '2006-02-15 09:57:12'), (2, 2, 2, '2006-02-15 09:57:12');
INSERT INTO staff (staff_id, first_name, last_name, email, store_id, active, username, password, picture) VALUES
    (1, 'Mike', 'Hillyer', 'mike@example.com', 1, true, 'Mike', '8cb2237d0679ca88db6464eac60da96345513964', '\x89504e470d0a1a0a00ff'),
    (2, 'Jon', 'O''Stephens', NULL, 2, false, 'Jon', NULL, '\x');
INSERT INTO customer (customer_id, store_id, first_name, last_name, email, activebool, create_date, active, last_update) VALUES
    (1, 1, 'Mary', 'Smith', 'mary@example.com', true, '2006-02-14', 1, '2013-05-26 14:49:45.738+00'),
    (2, 2, 'Ünïcødé', 'Ⅻ', NULL, false, '9999-12-31', NULL, '2021-03-28 02:30:00+05:45'),
    (3, 1, 'Bobby', 'Tables''); DROP TABLE film;--', 'b@x', true, '0044-03-15 BC', 0, NULL);
INSERT INTO film (film_id, title, description, release_year, language_id, rental_rate, length, replacement_cost,
        rating, special_features, scores, shown_at, fulltext) VALUES
    (1, 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist', 2006, 1, 0.99, 86, 20.99, 'PG',
        '{"Deleted Scenes","Behind the Scenes"}', '{{1,2},{3,NULL}}', '{"2021-03-28 02:30:00","2022-01-01 00:00:00.123456"}', ''),
    (2, 'ÆON "FLUX"', NULL, 1901, 2, 4.99, NULL, 0.00, 'NC-17', '{}', NULL, NULL, ''),
    (3, 'comma, brace} quote"', 'back\slash', 2155, 3, 2.99, 0, 999.99, NULL,
        '{"with,comma","with\"quote",NULL,""}', '{{-2147483648,2147483647}}', '{infinity,-infinity}', '');
INSERT INTO inventory (inventory_id, film_id, store_id) VALUES (1, 1, 1), (2, 2, 2), (3, 3, 1);
INSERT INTO rental (rental_id, rental_date, inventory_id, customer_id, return_date, staff_id, period, last_update) VALUES
    (1, '2022-01-15 10:00:00+01', 1, 1, NULL, 1, '[2022-01-15 09:00:00+00,2022-01-18 09:00:00+00)', '2022-01-15 10:00:00'),
    (2, '2022-02-01 00:00:00+00', 2, 2, 'infinity', 2, 'empty', '2022-02-01 00:00:00'),
    (3, '2022-02-27 23:59:59.999999+00', 3, 3, '2022-03-01 00:00:00+00', 1, '(,)', '2022-02-27 23:59:59.999999');
INSERT INTO payment (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES
    (1, 1, 1, 1, 2.99, '2022-01-15 10:00:00+00'), (2, 2, 2, 2, 0.00, '2022-02-01 00:00:00+00'),
    (3, 3, 1, 3, 999.99, '2022-02-28 23:59:59.999999+00'), (4, 1, 2, 1, -1.50, '2022-01-31 23:59:59+00');
INSERT INTO note (note_id, body) VALUES (1, 'parent row'), (2, 'another');
INSERT INTO "Archive".note (note_id, body, archived_on) VALUES (3, 'child row, seen by the parent''s plain SELECT', '2020-12-31');
INSERT INTO reporting."Summary" (k, v) VALUES ('Total', 'NaN'), ('total', 1E-30);
INSERT INTO reporting.summary (k, v) VALUES ('total', 12345678901234567890.123456789);
INSERT INTO "odd ""schema"".x"."t.""1""" (id, film_id, tags) VALUES (1, 3, '{a,"b c",NULL}'), (2, NULL, NULL);
COMMIT;
REFRESH MATERIALIZED VIEW reporting.rating_counts;
UPDATE customer SET active = 1 WHERE customer_id = 3;
