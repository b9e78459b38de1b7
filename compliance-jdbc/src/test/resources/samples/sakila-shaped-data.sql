-- A few rows per table with awkward values; foreign keys off for the store <-> staff cycle, as the sample's own
-- load script does.
SET FOREIGN_KEY_CHECKS = 0;
SET time_zone = '+00:00';
INSERT INTO language (language_id, name, last_update) VALUES
    (1, 'English', '2006-02-15 05:02:19'), (2, 'Ελληνικά 🎬', '2038-01-19 03:14:07'), (3, '', '1970-01-01 00:00:01');
INSERT INTO address (address_id, address, district, phone, location, last_update) VALUES
    (1, '47 MySakila Drive', 'Alberta', '', ST_GeomFromText('POINT(-112.8185647 49.6999986)'), '2014-09-25 22:30:27'),
    (2, 'Tab	and
newline \\N back\\slash "quoted" ''single''', NULL, '\\N', ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), '2021-03-28 01:30:00'),
    (3, 'ÆØÅ', 'QLD', '+61 (0)7', ST_GeomFromText('LINESTRING(0 0,1 1,2 1)'), '2006-02-15 04:45:30');
INSERT INTO store (store_id, manager_staff_id, address_id, last_update) VALUES
    (1, 1, 1, '2006-02-15 04:57:12'), (2, 2, 2, '2006-02-15 04:57:12');
INSERT INTO staff (staff_id, first_name, last_name, address_id, picture, email, store_id, active, username, password, flags) VALUES
    (1, 'Mike', 'Hillyer', 3, X'89504E470D0A1A0A00FF', 'Mike.Hillyer@sakilastaff.com', 1, 1, 'Mike', '8cb2237d0679ca88db6464eac60da96345513964', b'10101010'),
    (2, 'Jon', 'O''Stephens', 2, X'', NULL, 2, 0, 'Jon', NULL, b'11111111');
INSERT INTO customer (customer_id, store_id, first_name, last_name, email, address_id, active, preferences, create_date, last_update) VALUES
    (1, 1, 'MARY', 'SMITH', 'MARY.SMITH@sakilacustomer.org', 1, 1, '{"b": 1, "a": [true, null, "x\\"y"]}', '2006-02-14 22:04:36', '2006-02-15 04:57:20'),
    (2, 2, 'Ünïcødé', 'Ⅻ', NULL, 2, 0, NULL, '2006-02-14 22:04:36', NULL),
    (3, 1, 'Bobby', 'Tables''); DROP TABLE film;--', 'b@x', 3, 1, '[]', '2006-02-14 22:04:36', '2006-02-15 04:57:20');
INSERT INTO film (film_id, title, description, release_year, language_id, rental_rate, length, running_time, views, rating, special_features) VALUES
    (1, 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist', 2006, 1, 0.99, 86, '01:26:00', 18446744073709551615, 'PG', 'Deleted Scenes,Behind the Scenes'),
    (2, 'ÆON "FLUX"', NULL, 1901, 2, 4.99, NULL, '-838:59:59', 9223372036854775808, 'NC-17', ''),
    (3, 'comma, brace} quote"', 'back\\slash', 2155, 3, 2.99, 0, '838:59:59', 0, NULL, NULL);
UPDATE film SET description = 'changed after insert' WHERE film_id = 2;
INSERT INTO inventory (inventory_id, film_id, store_id, last_update) VALUES
    (1, 1, 1, '2006-02-15 05:09:17'), (2, 2, 2, '2006-02-15 05:09:17'), (3, 3, 1, '2006-02-15 05:09:17');
INSERT INTO rental (rental_id, rental_date, inventory_id, customer_id, return_date, staff_id, last_update) VALUES
    (1, '2005-05-24 22:53:30.123456', 1, 1, '2005-05-26 22:04:30', 1, '2006-02-15 21:30:53'),
    (2, '2021-03-28 02:30:00', 2, 2, NULL, 2, '2006-02-15 21:30:53'),
    (3, '9999-12-31 23:59:59.999999', 3, 3, '1000-01-01 00:00:00', 1, '2006-02-15 21:30:53');
INSERT INTO payment (payment_id, customer_id, staff_id, rental_id, amount, payment_date, last_update) VALUES
    (1, 1, 1, 1, 2.99, '2005-05-25 11:30:37', '2006-02-15 22:12:30'), (2, 2, 2, NULL, 0.00, '2021-03-28 02:30:00', NULL),
    (3, 3, 1, 3, -1.50, '2005-05-25 11:30:37', '2006-02-15 22:12:30');
SET FOREIGN_KEY_CHECKS = 1;
