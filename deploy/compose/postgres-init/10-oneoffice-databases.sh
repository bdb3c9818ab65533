#!/usr/bin/env bash
# Run once by the postgres image (from /docker-entrypoint-initdb.d) when it initialises an empty data
# directory: one login role and one database per OneOffice service. Each service owns its data, so
# every database belongs to its service's role and other roles cannot connect to it.
#
# Environment (set in docker-compose.yml): ONEOFFICE_SERVICES, a space-separated list of services,
# and ONEOFFICE_<SERVICE>_DB_PASSWORD for each of them.
set -euo pipefail

for service in ${ONEOFFICE_SERVICES:?ONEOFFICE_SERVICES must list the services}; do
  password_var="ONEOFFICE_${service^^}_DB_PASSWORD"
  password="${!password_var:?$password_var must be set}"
  # psql variables (:"name" quotes an identifier, :'name' a literal), so no value is pasted into SQL.
  psql -X -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v name="$service" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  echo "oneoffice: created role and database '$service'"
done
