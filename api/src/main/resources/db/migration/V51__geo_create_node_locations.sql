-- Where an ADMIN says a node stands; it wins over the node's address in the GeoIP database.
CREATE TABLE geo_node_locations (
    org_id        UUID         NOT NULL,
    node_id       UUID         NOT NULL,
    latitude      DOUBLE       NOT NULL,
    longitude     DOUBLE       NOT NULL,
    country_code  CHAR(2)      NULL,
    city          VARCHAR(100) NULL,
    updated_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (org_id, node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
