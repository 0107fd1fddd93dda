"""The organisation's signing certificate, PAdES signatures on PDFs (pyhanko) and checking them.
No database and no Qt: the services decide where the key lives and which certificates to trust."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

CERT_YEARS = 10


@dataclass(frozen=True, slots=True)
class CertificateSummary:
    subject: str
    fingerprint: str  # SHA-256 of the DER certificate, as AB:CD:…
    valid_from: datetime
    valid_until: datetime


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What a signed PDF says about itself. ``ok`` only when intact, whole-file and trusted."""

    ok: bool
    reason: str
    signer: str = ""
    signed_at: datetime | None = None
    fingerprint: str = ""


def make_certificate(common_name: str, organisation: str) -> tuple[bytes, bytes]:
    """A new RSA key and a self-signed certificate for signing documents: (key PEM, cert PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def _der(cert_pem: bytes) -> bytes:
    from asn1crypto import pem

    if pem.detect(cert_pem):
        _, _, der = pem.unarmor(cert_pem)
        return bytes(der)
    return cert_pem


def fingerprint_of_der(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def summarise(cert_pem: bytes) -> CertificateSummary:
    from asn1crypto import x509

    cert = x509.Certificate.load(_der(cert_pem))
    return CertificateSummary(
        subject=cert.subject.native.get("common_name") or cert.subject.human_friendly,
        fingerprint=fingerprint_of_der(_der(cert_pem)),
        valid_from=cert.not_valid_before,
        valid_until=cert.not_valid_after,
    )


AUDIT_HEAD = "/HsdeskAuditHead"  # the trailer entry naming the audit chain head at signing


def sign_pdf(
    pdf: bytes,
    key_pem: bytes,
    cert_pem: bytes,
    *,
    reason: str,
    location: str,
    audit_head: str | None = None,
) -> bytes:
    """Add a PAdES baseline signature over the whole PDF with the organisation's key; with
    ``audit_head``, the audit chain's head at this moment goes into the signed revision."""
    from asn1crypto import keys, x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = x509.Certificate.load(_der(cert_pem))
    from asn1crypto import pem

    _, _, key_der = pem.unarmor(key_pem)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name="HsdeskSignature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if audit_head is not None:
        from pyhanko.pdf_utils import generic

        writer.set_custom_trailer_entry(
            generic.NameObject(AUDIT_HEAD), generic.TextStringObject(audit_head)
        )
    return bytes(signers.sign_pdf(writer, meta, signer=signer).getvalue())


def audit_head_of(pdf: bytes) -> str | None:
    """The audit chain head a PDF signed by hsdesk names, or None."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return str(PdfFileReader(io.BytesIO(pdf), strict=False).trailer[AUDIT_HEAD])
    except Exception:  # noqa: BLE001  (unreadable, or not signed by hsdesk: it names no head)
        return None


def _padding_is_clean(contents: bytes) -> bool:
    """The signature's /Contents holds the DER signature then zeros; anything else is tampering."""
    from asn1crypto import cms

    try:
        length = len(cms.ContentInfo.load(contents, strict=False).dump())
    except ValueError:
        return False
    return not contents[length:].strip(b"\x00")


def check_signature(data: bytes, trusted_pems: list[bytes]) -> SignatureCheck:
    """Is this PDF signed, intact over its whole length, and signed by a certificate we trust?"""
    if data.lstrip()[:5] != b"%PDF-":
        return SignatureCheck(False, "the file is not a PDF")
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # any damage a reader trips over is a "no", never a crash
        return SignatureCheck(False, f"the PDF cannot be read ({exc})")
    if not signatures:
        return SignatureCheck(False, "the PDF is not digitally signed")
    embedded = signatures[-1]
    from asn1crypto import x509

    roots = [x509.Certificate.load(_der(pem_bytes)) for pem_bytes in trusted_pems]
    trusted = {fingerprint_of_der(root.dump()) for root in roots}
    # pyhanko logs why an untrusted path failed, with a traceback; the caller gives the reason.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    try:
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=roots))
        contents = bytes(embedded.sig_object["/Contents"])
    except Exception as exc:  # a damaged signature can fail anywhere inside the validator
        return SignatureCheck(False, f"the signature cannot be checked ({exc})")
    cert = status.signing_cert
    signer = cert.subject.native.get("common_name") or cert.subject.human_friendly
    when = status.signer_reported_dt
    fingerprint = fingerprint_of_der(cert.dump())

    def verdict(ok: bool, reason: str) -> SignatureCheck:
        return SignatureCheck(ok, reason, signer, when, fingerprint)

    # A trusted signature carries only our own certificates, byte for byte: a byte changed inside
    # an embedded copy would otherwise go unnoticed, as validation uses the trusted original.
    embedded_certs = {
        fingerprint_of_der(choice.chosen.dump())
        for choice in embedded.signed_data["certificates"] or []
    }
    altered_cert = status.trusted and not embedded_certs <= trusted
    if not status.intact or not status.valid or altered_cert or not _padding_is_clean(contents):
        return verdict(
            False, "the PDF has been changed since it was signed (the signature does not match)"
        )
    if status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        return verdict(False, "something was added to the PDF after it was signed")
    if not status.trusted:
        return verdict(
            False,
            "the signature is intact but was made with a certificate this database does not trust "
            f"(fingerprint {fingerprint[:23]}…)",
        )
    return verdict(True, "the digital signature is intact and valid")
