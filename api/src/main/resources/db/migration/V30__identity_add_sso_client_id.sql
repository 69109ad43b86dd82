ALTER TABLE sso_providers ADD COLUMN client_id VARCHAR(200) NULL;
