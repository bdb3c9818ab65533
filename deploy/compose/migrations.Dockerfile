# One-shot image for the `migrations` job of docker-compose.yml: it brings every service's database
# schema up to date before any service starts, so it installs all three services that own a database.
# Build from the repository root: docker build -f deploy/compose/migrations.Dockerfile .
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
COPY constraints.txt ./
COPY libs/eventcore ./libs/eventcore
COPY contracts ./contracts
COPY services/documents ./services/documents
COPY services/staff ./services/staff
COPY services/reporting ./services/reporting
RUN pip install --no-cache-dir -c constraints.txt ./libs/eventcore ./contracts \
      ./services/documents ./services/staff ./services/reporting


FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
COPY --from=build /opt/venv /opt/venv

RUN useradd --system --user-group --uid 10001 --home-dir /app --create-home oneoffice
WORKDIR /app
USER oneoffice

# Stops at the first failure, so the job fails and no service starts on a half-migrated database.
CMD ["sh", "-c", "python -m oneoffice.documents migrate && python -m oneoffice.staff migrate && python -m oneoffice.reporting migrate"]
