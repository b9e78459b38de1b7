-- The example shop: the tables a typical web shop keeps personal data in.
CREATE TABLE users (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(200),
    phone VARCHAR(40),
    shipping_address VARCHAR(300),
    password_hash VARCHAR(100),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT REFERENCES users(id),
    email VARCHAR(255),
    phone VARCHAR(40),
    shipping_address VARCHAR(300),
    amount DECIMAL(12, 2) NOT NULL,
    stripe_payment_intent_id VARCHAR(64),
    status VARCHAR(20) NOT NULL,
    status_changed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE product_reviews (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    author_name VARCHAR(200),
    author_email VARCHAR(255),
    rating INT NOT NULL,
    body VARCHAR(2000),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE subscriptions (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    stripe_customer_id VARCHAR(64),
    plan VARCHAR(40) NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE leads (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200),
    email VARCHAR(255),
    phone VARCHAR(40),
    company VARCHAR(200),
    message VARCHAR(2000),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE contacts (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200),
    email VARCHAR(255),
    message VARCHAR(2000),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE subscribers (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(255),
    active BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE feedback (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT REFERENCES users(id),
    email VARCHAR(255),
    message VARCHAR(2000),
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE coupon_usage (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    coupon_code VARCHAR(40) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    email VARCHAR(255),
    ip VARCHAR(45),
    used_at TIMESTAMP NOT NULL
);
CREATE TABLE checkout_sessions (
    id VARCHAR(64) PRIMARY KEY,
    buyer_email VARCHAR(255),
    buyer_name VARCHAR(200),
    shipping_address VARCHAR(300),
    created_at TIMESTAMP NOT NULL
);
-- Configuration tables: excluded from backups by default.
CREATE TABLE site (
    id INT PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);
