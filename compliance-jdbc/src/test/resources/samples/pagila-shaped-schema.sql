-- A rental-shop schema shaped like the well-known PostgreSQL sample database, written for these tests:
-- a foreign-key cycle (store <-> staff), triggers, a rule, table inheritance across schemas, a partitioned
-- table, views, enums, domains, full text, arrays, several schemas with case-distinct and odd names.
CREATE SCHEMA reporting;
CREATE SCHEMA "Archive";
CREATE SCHEMA "odd ""schema"".x";
CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');

DELIMITER //
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_update = clock_timestamp();
    RETURN NEW;
END $$
//
DELIMITER ;

CREATE TABLE language (
    language_id serial PRIMARY KEY,
    name character(20) NOT NULL,
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
CREATE TABLE address (
    address_id serial PRIMARY KEY,
    address text NOT NULL,
    district varchar(20),
    location point,
    phone text NOT NULL,
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
CREATE TABLE store (
    store_id serial PRIMARY KEY,
    manager_staff_id integer NOT NULL,
    address_id integer NOT NULL REFERENCES address (address_id),
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
CREATE TABLE staff (
    staff_id serial PRIMARY KEY,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email email_address,
    store_id integer NOT NULL REFERENCES store (store_id),
    active boolean NOT NULL DEFAULT true,
    username text NOT NULL,
    password text,
    picture bytea,
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
ALTER TABLE store ADD CONSTRAINT store_manager_staff_id_fkey FOREIGN KEY (manager_staff_id)
    REFERENCES staff (staff_id) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE customer (
    customer_id serial PRIMARY KEY,
    store_id integer NOT NULL REFERENCES store (store_id),
    first_name text NOT NULL,
    last_name text NOT NULL,
    email email_address,
    activebool boolean NOT NULL DEFAULT true,
    create_date date NOT NULL DEFAULT CURRENT_DATE,
    active integer,
    last_update timestamp with time zone DEFAULT now()
);
CREATE TABLE film (
    film_id serial PRIMARY KEY,
    title text NOT NULL,
    description text,
    release_year year,
    language_id integer NOT NULL REFERENCES language (language_id),
    rental_duration smallint NOT NULL DEFAULT 3,
    rental_rate numeric(4,2) NOT NULL DEFAULT 4.99,
    length smallint,
    replacement_cost numeric(5,2) NOT NULL DEFAULT 19.99,
    rating mpaa_rating DEFAULT 'G',
    special_features text[],
    scores integer[][],
    shown_at timestamp[],
    fulltext tsvector NOT NULL,
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
CREATE INDEX film_fulltext_idx ON film USING gist (fulltext);
CREATE TABLE inventory (
    inventory_id serial PRIMARY KEY,
    film_id integer NOT NULL REFERENCES film (film_id),
    store_id integer NOT NULL REFERENCES store (store_id),
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
CREATE TABLE rental (
    rental_id serial PRIMARY KEY,
    rental_date timestamp with time zone NOT NULL,
    inventory_id integer NOT NULL REFERENCES inventory (inventory_id),
    customer_id integer NOT NULL REFERENCES customer (customer_id),
    return_date timestamp with time zone,
    staff_id integer NOT NULL REFERENCES staff (staff_id),
    period tstzrange,
    last_update timestamp without time zone NOT NULL DEFAULT now()
);
CREATE TABLE payment (
    payment_id serial NOT NULL,
    customer_id integer NOT NULL REFERENCES customer (customer_id),
    staff_id integer NOT NULL REFERENCES staff (staff_id),
    rental_id integer NOT NULL REFERENCES rental (rental_id),
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL,
    PRIMARY KEY (payment_date, payment_id)
) PARTITION BY RANGE (payment_date);
CREATE TABLE payment_p2022_01 PARTITION OF payment
    FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');
CREATE TABLE payment_p2022_02 PARTITION OF payment
    FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00');

-- Inheritance: a child in another schema. Scans read each table's own rows only.
CREATE TABLE note (note_id integer PRIMARY KEY, body text NOT NULL);
CREATE TABLE "Archive".note (archived_on date NOT NULL) INHERITS (public.note);
ALTER TABLE "Archive".note ADD PRIMARY KEY (note_id);

-- A rule that would add a row for every loaded language if it fired: COPY never fires rules.
CREATE TABLE reporting.rule_log (id serial PRIMARY KEY, message text NOT NULL);
CREATE RULE language_logged AS ON INSERT TO language
    DO ALSO INSERT INTO reporting.rule_log (message) VALUES ('language ' || trim(NEW.name));

-- Case-distinct and odd schema names with the same table name.
CREATE TABLE reporting."Summary" (k text PRIMARY KEY, v numeric);
CREATE TABLE reporting.summary (k text PRIMARY KEY, v numeric);
CREATE TABLE "odd ""schema"".x"."t.""1""" (id integer PRIMARY KEY,
    film_id integer REFERENCES public.film (film_id), tags varchar(10)[]);

-- Triggers that would change the data if they fired on restore.
CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON film FOR EACH ROW
    EXECUTE FUNCTION tsvector_update_trigger(fulltext, 'pg_catalog.english', title, description);
CREATE TRIGGER last_updated BEFORE UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION last_updated();
CREATE TRIGGER last_updated BEFORE INSERT ON staff FOR EACH ROW EXECUTE FUNCTION last_updated();

-- Views are not tables: never backed up.
CREATE VIEW reporting.film_list AS
    SELECT f.film_id, f.title, l.name AS language FROM film f JOIN language l USING (language_id);
CREATE MATERIALIZED VIEW reporting.rating_counts AS SELECT rating, count(*) AS n FROM film GROUP BY rating;
