# The image of every OneOffice service, from one recipe: which service is a build argument.
# Build from the repository root (docker-compose.yml does, once per service), for example:
#   docker build --build-arg SERVICE=documents --build-arg PORT=50051 -t oneoffice-documents .
#
# SERVICE               the folder under services/ (documents, staff, reporting, gateway)
# PORT                  the port the service serves (gRPC, or HTTP for the gateway)
# Every service listens on every interface of the container (the services' default, 127.0.0.1, is for
# one machine): the image sets each service's listen-address setting to 0.0.0.0, and a service reads
# only its own (ONEOFFICE_<SERVICE>_*).
FROM python:3.11-slim AS build
ARG SERVICE
ARG PORT
RUN test -n "$SERVICE" && test -n "$PORT" \
    || { echo "build with --build-arg SERVICE= and PORT= (see the top of the Dockerfile)" >&2; exit 1; }

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
# Only what this service needs: the pinned versions, the shared runtime, the contracts, the service.
COPY constraints.txt ./
COPY libs/eventcore ./libs/eventcore
COPY contracts ./contracts
COPY services/${SERVICE} ./services/${SERVICE}
# Regular (non-editable) installs into a virtual environment that the final stage copies whole, so the
# image carries no sources and no build leftovers.
RUN pip install --no-cache-dir -c constraints.txt ./libs/eventcore ./contracts ./services/${SERVICE}


FROM python:3.11-slim
ARG SERVICE
ARG PORT

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ONEOFFICE_SERVICE=${SERVICE}
ENV ONEOFFICE_DOCUMENTS_GRPC_HOST=0.0.0.0 \
    ONEOFFICE_STAFF_GRPC_HOST=0.0.0.0 \
    ONEOFFICE_REPORTING_GRPC_HOST=0.0.0.0 \
    ONEOFFICE_GATEWAY_HOST=0.0.0.0
COPY --from=build /opt/venv /opt/venv

RUN useradd --system --user-group --uid 10001 --home-dir /app --create-home oneoffice
# Where a named volume of the service's files is mounted (the documents' blobs): owned by the
# service's user, so a fresh volume is too (Docker copies the ownership of the image's directory).
RUN install -d -o oneoffice -g oneoffice /app/var/blobs
WORKDIR /app
USER oneoffice

EXPOSE ${PORT}
# exec: the service is PID 1 and gets SIGTERM itself, for its graceful stop.
CMD ["sh", "-c", "exec python -m \"oneoffice.${ONEOFFICE_SERVICE}\" serve"]
