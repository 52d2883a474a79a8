/// The store's schema as an ordered list of migrations, applied at open.
///
/// `PRAGMA user_version` records how many migrations a database file has had. `apply(to:)` runs each
/// missing one in its own `BEGIN IMMEDIATE` transaction together with the `user_version` bump, so a
/// crash mid-migration leaves the file at the previous version, and re-running is a no-op.
/// Migrations are append-only: never edit a released one, add a new one.
package enum Migrations {
    /// Migration `i` (0-based) brings a database from version `i` to `i + 1`.
    package static let all: [String] = [
        // 1: the API definitions and what is published from them.
        """
        CREATE TABLE rest_apis (
            id TEXT PRIMARY KEY,
            created INTEGER NOT NULL,
            doc BLOB NOT NULL               -- DeploymentContent JSON: the live (undeployed) definition
        );
        CREATE TABLE deployments (
            api_id TEXT NOT NULL REFERENCES rest_apis(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            created INTEGER NOT NULL,
            description TEXT,
            content BLOB NOT NULL,          -- frozen DeploymentContent JSON; never updated
            PRIMARY KEY (api_id, id)
        );
        CREATE TABLE stages (
            api_id TEXT NOT NULL REFERENCES rest_apis(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            deployment_id TEXT NOT NULL,
            doc BLOB NOT NULL,              -- Stage JSON
            PRIMARY KEY (api_id, name),
            FOREIGN KEY (api_id, deployment_id) REFERENCES deployments(api_id, id)
        );
        CREATE INDEX stages_by_deployment ON stages(api_id, deployment_id);
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            value TEXT NOT NULL UNIQUE,
            doc BLOB NOT NULL               -- ApiKey JSON (value included)
        );
        CREATE TABLE usage_plans (
            id TEXT PRIMARY KEY,
            doc BLOB NOT NULL               -- UsagePlan JSON
        );
        CREATE TABLE usage_plan_keys (
            plan_id TEXT NOT NULL REFERENCES usage_plans(id) ON DELETE CASCADE,
            key_id TEXT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
            PRIMARY KEY (plan_id, key_id)
        );
        CREATE INDEX usage_plan_keys_by_key ON usage_plan_keys(key_id);
        CREATE TABLE account (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            doc BLOB NOT NULL               -- Account JSON
        );
        CREATE TABLE revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value INTEGER NOT NULL
        );
        INSERT INTO revision (id, value) VALUES (1, 0);
        """,
        // 2: who changed what, and where each stage has pointed.
        """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            access_key TEXT NOT NULL,
            operation TEXT NOT NULL,
            targets TEXT NOT NULL,          -- JSON array of ids
            status INTEGER NOT NULL,
            error_type TEXT
        );
        CREATE INDEX audit_log_by_time ON audit_log(at);
        CREATE TABLE stage_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            api_id TEXT NOT NULL,
            stage TEXT NOT NULL,
            at INTEGER NOT NULL,
            access_key TEXT NOT NULL,
            request_id TEXT NOT NULL,
            from_deployment TEXT,           -- NULL when the stage was created
            to_deployment TEXT              -- NULL when the stage was deleted
        );
        CREATE INDEX stage_history_by_stage ON stage_history(api_id, stage, seq);
        """,
        // 3: the data-plane fleet and usage adjustments.
        """
        CREATE TABLE nodes (
            node_id TEXT PRIMARY KEY,
            gossip_address TEXT,
            last_seen INTEGER NOT NULL,
            applied_revision INTEGER,
            last_error TEXT
        );
        CREATE TABLE usage_remaining (
            plan_id TEXT NOT NULL REFERENCES usage_plans(id) ON DELETE CASCADE,
            key_id TEXT NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
            remaining INTEGER NOT NULL,
            set_at INTEGER NOT NULL,
            PRIMARY KEY (plan_id, key_id)
        );
        """,
        // 4: whether a node is in the peer list nodes were last sent (see ConfigTransaction+Nodes).
        """
        ALTER TABLE nodes ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
        """,
        // 5: cluster quota state (the control plane's quota observer, see docs/limits.md).
        """
        CREATE TABLE quota_observer (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            replica_id TEXT NOT NULL,       -- 16 hex digits: the mint authority, fixed for this database's life
            node_id TEXT NOT NULL,          -- the id its gossip datagrams carry
            gossip_address TEXT,            -- advertised HOST:PORT; NULL when it runs without --gossip
            adjustment_version INTEGER NOT NULL DEFAULT 0   -- last UpdateUsage version (epoch ms, monotonic)
        );
        CREATE TABLE quota_counters (
            plan_id TEXT NOT NULL,
            key_id TEXT NOT NULL,
            period INTEGER NOT NULL,        -- QuotaPeriod raw value: 1 DAY, 2 WEEK, 3 MONTH
            period_start INTEGER NOT NULL,  -- UTC epoch seconds
            state BLOB NOT NULL,            -- LimitsGossipCodec.encodeStored: the merged CRDT state
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (plan_id, key_id, period, period_start)
        );
        CREATE INDEX quota_counters_by_start ON quota_counters(period_start);
        """,
        // 6: when each plan's quota took effect (its first period is the one `offset` shrinks; see
        // ConfigTransaction+UsagePlans). Rows from before this migration keep NULL: offset ignored.
        """
        ALTER TABLE usage_plans ADD COLUMN quota_anchor INTEGER;   -- UTC epoch seconds, NULL = no anchor
        """,
        // 7: the database's epoch, a random id that qualifies every revision (see ConfigTransaction+Epoch).
        // A new database gets one as it is created, an existing one when it is upgraded.
        """
        ALTER TABLE revision ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
        UPDATE revision SET epoch = lower(hex(randomblob(16))) WHERE id = 1;
        """,
        // 8: custom domain names and their base path mappings and access associations, VPC links,
        // client certificates, documentation parts and versions (ConfigTransaction+DomainNames, +VpcLinks,
        // +Documentation).
        // Certificate PEM and private keys sit in their own columns so a document never carries a key.
        """
        CREATE TABLE domain_names (
            name TEXT PRIMARY KEY,
            doc BLOB NOT NULL,              -- DomainName JSON (as the admin API shows it)
            certificate_body TEXT,          -- uploaded PEM certificate, chain and private key (all or none)
            certificate_chain TEXT,
            private_key TEXT
        );
        CREATE TABLE base_path_mappings (
            domain_name TEXT NOT NULL REFERENCES domain_names(name) ON DELETE CASCADE,
            base_path TEXT NOT NULL,        -- '(none)' for the empty base path
            rest_api_id TEXT NOT NULL REFERENCES rest_apis(id) ON DELETE CASCADE,
            doc BLOB NOT NULL,              -- BasePathMapping JSON
            PRIMARY KEY (domain_name, base_path)
        );
        CREATE INDEX base_path_mappings_by_api ON base_path_mappings(rest_api_id);
        CREATE TABLE domain_name_access_associations (
            arn TEXT PRIMARY KEY,
            domain_name TEXT NOT NULL REFERENCES domain_names(name) ON DELETE CASCADE,
            doc BLOB NOT NULL               -- DomainNameAccessAssociation JSON
        );
        CREATE TABLE vpc_links (
            id TEXT PRIMARY KEY,
            doc BLOB NOT NULL               -- VpcLink JSON
        );
        CREATE TABLE client_certificates (
            id TEXT PRIMARY KEY,
            doc BLOB NOT NULL,              -- ClientCertificate JSON (the certificate PEM included)
            private_key TEXT NOT NULL       -- PKCS#8 PEM; never shown
        );
        CREATE TABLE documentation_parts (
            api_id TEXT NOT NULL REFERENCES rest_apis(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            doc BLOB NOT NULL,              -- DocumentationPart JSON
            PRIMARY KEY (api_id, id)
        );
        CREATE TABLE documentation_versions (
            api_id TEXT NOT NULL REFERENCES rest_apis(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            doc BLOB NOT NULL,              -- DocumentationVersion JSON
            parts BLOB NOT NULL,            -- the API's DocumentationPart JSON array when the version was made
            PRIMARY KEY (api_id, version)
        );
        """,
        // 9: the IAM subset (ConfigTransaction+IAM): users, their access keys and inline policies,
        // customer managed policies and their attachments. User and policy names are unique
        // case-insensitively, as IAM's are.
        """
        CREATE TABLE iam_users (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            doc BLOB NOT NULL               -- IAMUser JSON
        );
        CREATE TABLE iam_access_keys (
            id TEXT PRIMARY KEY,
            user_name TEXT NOT NULL COLLATE NOCASE,
            doc BLOB NOT NULL               -- IAMAccessKey JSON (secret included; sealed in snapshots)
        );
        CREATE INDEX iam_access_keys_by_user ON iam_access_keys(user_name);
        CREATE TABLE iam_user_policies (
            user_name TEXT NOT NULL COLLATE NOCASE,
            policy_name TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (user_name, policy_name)
        );
        CREATE TABLE iam_policies (
            arn TEXT PRIMARY KEY,
            doc BLOB NOT NULL               -- IAMManagedPolicy JSON
        );
        CREATE TABLE iam_user_policy_attachments (
            user_name TEXT NOT NULL COLLATE NOCASE,
            policy_arn TEXT NOT NULL,
            PRIMARY KEY (user_name, policy_arn)
        );
        """,
        // 10: apigatewayv2 (HTTP and WebSocket) APIs, apart from the REST APIs (ConfigTransaction+V2Apis).
        """
        CREATE TABLE v2_apis (
            id TEXT PRIMARY KEY,
            created INTEGER NOT NULL,
            doc BLOB NOT NULL               -- V2ApiDocument JSON: the API, its routes, integrations, authorizers, stages, deployments
        );
        """,
        // 11: a custom domain's mutual TLS truststore, the PEM bundle read from its truststoreUri
        // (ConfigTransaction+DomainNames); NULL: no mutual TLS.
        """
        ALTER TABLE domain_names ADD COLUMN truststore TEXT;
        """,
    ]

    /// The version a fully migrated database has.
    package static var latestVersion: Int { all.count }

    /// Brings `database` to `latestVersion`, one transaction per migration.
    /// Throws `.schemaTooNew` for a file written by a newer build (it is left untouched).
    package static func apply(to database: SQLiteDatabase, upTo target: Int = latestVersion) throws {
        let current = try database.userVersion()
        guard current <= latestVersion else { throw StoreError.schemaTooNew(found: current, supported: latestVersion) }
        guard current < target else { return }
        for version in current..<target {
            try database.transaction(immediate: true) {
                // Re-read under the write lock: another process may have migrated meanwhile.
                guard try database.userVersion() == version else { return }
                try database.execute(all[version])
                try database.setUserVersion(version + 1)
            }
        }
    }
}
