"""The mtls mode: a service lets in only peers showing a certificate of the configured CA.

A CA, the service's certificate and the gateway's are made here with ``cryptography``; the
documents service is started as its process would be (SQLite, loopback) with INTERNAL_AUTH=mtls.
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as pb_grpc
from oneoffice.documents.bootstrap import DocumentsContainer, bootstrap
from oneoffice.documents.config import Settings as DocumentsSettings
from oneoffice.documents.entrypoints.grpc_server import build_server
from oneoffice.eventcore.caller_identity import IdentityCodec
from oneoffice.eventcore.grpc_caller import CallerIdentityInterceptor, channel_credentials
from oneoffice.eventcore.grpc_runtime import GrpcServer, HealthStatus, probe_health
from oneoffice.gateway.adapters.grpc_channels import GrpcChannels
from oneoffice.gateway.adapters.grpc_documents import GrpcDocuments
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.config import Settings as GatewaySettings
from tests.caller import TEST_INTERNAL_SECRET, gateway

pytestmark = pytest.mark.integration

HEALTH_NAME = "oneoffice.documents.v1"


@dataclass(frozen=True)
class Issued:
    cert: Path
    key: Path


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write(path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> Issued:
    path.mkdir(parents=True, exist_ok=True)
    (path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (path / "key.pem").write_bytes(_key_pem(key))
    return Issued(path / "cert.pem", path / "key.pem")


class Authority:
    """A certificate authority of the test: its own certificate and what it signs."""

    def __init__(self, directory: Path, name: str) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.now(UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )
        self.issued = _write(directory / name, self.cert, self.key)

    def issue(self, directory: Path, name: str) -> Issued:
        """A certificate for ``name``, good as a server's (127.0.0.1, localhost) and as a client's."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                critical=False,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [x509.ExtendedKeyUsageOID.SERVER_AUTH, x509.ExtendedKeyUsageOID.CLIENT_AUTH]
                ),
                critical=False,
            )
            .sign(self.key, hashes.SHA256())
        )
        return _write(directory / name, cert, key)


@dataclass
class Pki:
    ca: Authority
    service: Issued
    gateway: Issued
    stranger: Issued  # signed by another CA


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    directory = tmp_path_factory.mktemp("pki")
    ca = Authority(directory, "oneoffice-test-ca")
    other = Authority(directory, "another-ca")
    return Pki(
        ca, ca.issue(directory, "documents"), ca.issue(directory, "gateway"), other.issue(directory, "x")
    )


def _mtls(pki: Pki, issued: Issued) -> dict[str, object]:
    return {
        "internal_auth": "mtls",
        "internal_tls_ca": pki.ca.issued.cert,
        "internal_tls_cert": issued.cert,
        "internal_tls_key": issued.key,
    }


@pytest.fixture
async def documents(pki: Pki, tmp_path: Path) -> AsyncIterator[tuple[DocumentsContainer, GrpcServer]]:
    settings = DocumentsSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}",
        grpc_host="127.0.0.1",
        grpc_port=0,
        **_mtls(pki, pki.service),  # type: ignore[arg-type]
    )
    container = await bootstrap(settings)
    server = build_server(container)
    await server.start()
    try:
        yield container, server
    finally:
        await server.stop(grace=None)
        await container.aclose()


def _credentials(pki: Pki, client: Issued | None) -> grpc.ChannelCredentials:
    if client is None:
        return grpc.ssl_channel_credentials(root_certificates=pki.ca.issued.cert.read_bytes())
    return grpc.ssl_channel_credentials(
        root_certificates=pki.ca.issued.cert.read_bytes(),
        private_key=client.key.read_bytes(),
        certificate_chain=client.cert.read_bytes(),
    )


async def _reference_data(target: str, channel: grpc.aio.Channel) -> object:
    stub = pb_grpc.DocumentsServiceStub(channel)  # type: ignore[no-untyped-call]
    return await stub.ListReferenceData(pb.ListReferenceDataRequest(), metadata=gateway(), timeout=5)


async def test_a_client_with_a_certificate_of_the_ca_gets_in(
    pki: Pki, documents: tuple[DocumentsContainer, GrpcServer]
) -> None:
    _, server = documents
    async with grpc.aio.secure_channel(server.target, _credentials(pki, pki.gateway)) as channel:
        answer = await _reference_data(server.target, channel)

    assert answer.bodies  # type: ignore[attr-defined]


@pytest.mark.parametrize("client", ["none", "another-ca"])
async def test_a_client_without_a_certificate_of_the_ca_is_refused(
    pki: Pki, documents: tuple[DocumentsContainer, GrpcServer], client: str
) -> None:
    _, server = documents
    credentials = _credentials(pki, None if client == "none" else pki.stranger)
    async with grpc.aio.secure_channel(server.target, credentials) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await _reference_data(server.target, channel)

    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE  # the TLS handshake failed


async def test_a_plaintext_client_is_refused(
    pki: Pki, documents: tuple[DocumentsContainer, GrpcServer]
) -> None:
    _, server = documents
    async with grpc.aio.insecure_channel(server.target) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await _reference_data(server.target, channel)

    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_the_gateway_configured_for_mtls_calls_and_probes_the_service(
    pki: Pki, documents: tuple[DocumentsContainer, GrpcServer]
) -> None:
    _, server = documents
    settings = GatewaySettings(documents_target=server.target, **_mtls(pki, pki.gateway))  # type: ignore[arg-type]
    credentials = channel_credentials(settings)
    channels = GrpcChannels(
        settings.service_targets(), codec=IdentityCodec(TEST_INTERNAL_SECRET), credentials=credentials
    )
    try:
        reference = await GrpcDocuments(channels).list_reference_data(RequestContext("gateway", "corr-mtls"))
    finally:
        await channels.aclose()

    assert reference.bodies
    assert await probe_health(server.target, HEALTH_NAME, credentials=credentials) is HealthStatus.SERVING
    assert await probe_health(server.target, HEALTH_NAME) is HealthStatus.UNREACHABLE


async def test_without_a_verified_peer_certificate_even_a_signed_identity_is_refused() -> None:
    # The interceptor's own lock, behind the TLS handshake's: here on a plaintext server.
    from oneoffice.eventcore.grpc_runtime import ServiceRegistration, build_grpc_server

    class Documents(pb_grpc.DocumentsServiceServicer):
        async def ListReferenceData(self, request: object, context: object) -> pb.ListReferenceDataResponse:
            return pb.ListReferenceDataResponse()

    def add(server: object) -> None:
        pb_grpc.add_DocumentsServiceServicer_to_server(Documents(), server)  # type: ignore[no-untyped-call]

    interceptor = CallerIdentityInterceptor(
        IdentityCodec(TEST_INTERNAL_SECRET), require_client_certificate=True
    )
    server = build_grpc_server(
        "127.0.0.1",
        0,
        health_names=[],
        services=[ServiceRegistration("oneoffice.documents.v1.DocumentsService", add)],
        interceptors=[interceptor],
    )
    await server.start()
    try:
        async with grpc.aio.insecure_channel(server.target) as channel:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await _reference_data(server.target, channel)
    finally:
        await server.stop(grace=None)

    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
