"""The links between the policy's duties and each adopted version's clauses: proposed at adoption,
confirmed by the Chair, stored with the version, and turned into citations for everything hsdesk
shows (see hsdesk.domain.duties)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hsdesk.db.engine import Database
from hsdesk.db.models import PolicyDocument, PolicyDuty, PolicyLink, PolicyVersion
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.duties import BUILT_IN, CUSTOM_PREFIX, Citations, Duty, Proposal, propose
from hsdesk.domain.errors import ValidationError
from hsdesk.domain.policy import PolicyStatus, PolicyVersionRecord
from hsdesk.services.platform import audit
from hsdesk.services.policy.versions import (
    current_version,
    find_version,
    load_version,
    policy_text,
    version_record,
)

NAME_LIMIT = 200


def all_duties(session: Session) -> list[Duty]:
    """The built-in duties, then those added by citing a clause, oldest first."""
    added = session.execute(select(PolicyDuty).order_by(PolicyDuty.created_at, PolicyDuty.key))
    return [*BUILT_IN, *(Duty(d.key, d.name, d.wording, False) for d in added.scalars())]


def clause_numbers(version: PolicyVersion) -> dict[int, str]:
    """Each clause row's number in its version: {clause id: "1.4"}."""
    return {
        clause.id: f"{n}.{m}"
        for n, section in enumerate(version.sections, start=1)
        for m, clause in enumerate(section.clauses, start=1)
    }


def stored_links(session: Session, version: PolicyVersion) -> dict[str, str | None]:
    numbers = clause_numbers(version)
    rows = session.execute(select(PolicyLink).where(PolicyLink.version_id == version.id))
    return {
        row.duty: numbers.get(row.clause_id) if row.clause_id else None for row in rows.scalars()
    }


def citations_of(session: Session, version: PolicyVersion | None) -> Citations:
    if version is None:
        return Citations()
    return Citations(
        version.id,
        f"{version.document.name}, version {version.number}",
        stored_links(session, version),
        dict(policy_text(version).numbered()),
    )


def citations(session: Session, version_id: int | None = None) -> Citations:
    """The citations of a version (a record's), or of the adopted version when None."""
    if version_id is None:
        return citations_of(session, current_version(session))
    return citations_of(session, load_version(session, version_id))


def current_citations(db: Database) -> Citations:
    with db.read() as session:
        return citations(session)


def version_citations(db: Database, version_id: int | None) -> Citations:
    with db.read() as session:
        return citations(session, version_id)


def in_force_id(session: Session) -> int | None:
    """The adopted version a record made now keeps."""
    version = current_version(session)
    return version.id if version is not None else None


def _is_scheme_policy(session: Session, version: PolicyVersion) -> bool:
    first = session.execute(select(func.min(PolicyDocument.id))).scalar()
    return version.document_id == first


def proposals(session: Session, version: PolicyVersion) -> list[Proposal]:
    """Each duty's clause in ``version``, found from the version it replaces (or, with none, from
    the duty's wording). Empty for any policy document other than the scheme's."""
    if not _is_scheme_policy(session, version):
        return []
    before = next((v for v in version.document.versions if v.status is PolicyStatus.ADOPTED), None)
    before_links = stored_links(session, before) if before is not None else {}
    return propose(
        all_duties(session),
        policy_text(version),
        policy_text(before) if before is not None and before_links else None,
        before_links or None,
    )


def proposed_links(db: Database, version_id: int) -> list[Proposal]:
    with db.read() as session:
        return proposals(session, load_version(session, version_id))


def unconfirmed(found: list[Proposal], chosen: Mapping[str, str | None]) -> list[Proposal]:
    """The flagged duties the Chair has neither linked to a clause nor confirmed as dropped."""
    return [p for p in found if p.flagged and p.duty.key not in chosen]


def flagged_message(version_number: int, flagged: list[Proposal]) -> str:
    listed = "; ".join(
        f"{p.duty.name}" + (f" (clause {p.before} before)" if p.before else "") for p in flagged
    )
    return (
        f"Version {version_number} has no clause found for: {listed}. Choose the clause that "
        "now states each, or confirm that the policy no longer asks it. Nothing was adopted."
    )


def store_links(
    session: Session, version: PolicyVersion, chosen: Mapping[str, str | None]
) -> dict[str, str | None]:
    """Link ``version``'s clauses to the duties: the proposals, changed by ``chosen`` (a clause
    number, or None for "this version no longer asks it"). Refuses unknown duties or clauses and
    flagged duties left unconfirmed."""
    found = proposals(session, version)
    if not found:
        return {}
    known = {p.duty.key for p in found}
    unknown = [k for k in chosen if k not in known]
    if unknown:
        raise ValidationError(
            f"hsdesk has no policy duty called {', '.join(k[:40] for k in unknown)}. "
            "`hsdesk-cli policy show` lists them."
        )
    ids = {number: clause_id for clause_id, number in clause_numbers(version).items()}
    wrong = [n for n in chosen.values() if n is not None and n not in ids]
    if wrong:
        raise ValidationError(
            f"Version {version.number} has no clause {', '.join(n[:20] for n in wrong)}. "
            "Choose clauses from this version."
        )
    flagged = unconfirmed(found, chosen)
    if flagged:
        raise ValidationError(flagged_message(version.number, flagged))
    links = {p.duty.key: p.number for p in found} | dict(chosen)
    session.add_all(
        PolicyLink(version_id=version.id, duty=key, clause_id=ids[n] if n else None)
        for key, n in links.items()
    )
    session.flush()
    return links


def duty_for_clause(session: Session, actor: Actor, number: str) -> str:
    """The duty a checklist item cites when it names a clause of the adopted version: a duty
    already linked to that clause, or a new one that will follow the clause through later
    versions."""
    number = number.strip()
    version = current_version(session)
    if version is None:
        raise ValidationError(
            "There is no adopted policy yet, so there are no clauses to cite. "
            "The Chair adopts the policy on the Policy tab."
        )
    mine = citations_of(session, version)
    text = mine.text_of(number)
    if text is None:
        raise ValidationError(
            f"The adopted policy ({mine.label}) has no clause {number[:20]}. "
            "Choose one of its clauses."
        )
    linked = mine.duties_at(number)
    if linked:
        return linked[0]
    count = session.execute(select(func.count()).select_from(PolicyDuty)).scalar_one()
    key = f"{CUSTOM_PREFIX}{count + 1}"
    name = " ".join(text.split())
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1] + "…"
    session.add(
        PolicyDuty(
            key=key, name=name, wording=text, created_by=actor.username, created_at=clock.now()
        )
    )
    clause_id = next(i for i, n in clause_numbers(version).items() if n == number)
    session.add(PolicyLink(version_id=version.id, duty=key, clause_id=clause_id))
    session.flush()
    audit.record(
        session,
        actor,
        "add",
        "policy_duty",
        key,
        f"Clause {number} of {mine.label} is now checked by hsdesk",
        {"duty": key, "clause": number, "version": version.id},
    )
    return key


def policy_summary(db: Database) -> dict[str, object]:
    """The adopted version and each duty's clause in it, for `status --json`."""
    with db.read() as session:
        cite = citations(session)
        return {
            "adopted": cite.label or None,
            "clauses": {d.key: cite.number(d.key) for d in all_duties(session)},
        }


@dataclass(frozen=True, slots=True)
class VersionDuties:
    """A version with the duty each clause states: stored for an adopted or superseded
    version, proposed (not yet confirmed) for a draft."""

    version: PolicyVersionRecord
    duties: list[Duty]
    links: dict[str, str | None]
    proposed: bool
    found: list[Proposal]


def duties_by_clause(db: Database, version_id: int) -> tuple[dict[str, list[str]], bool]:
    """What hsdesk checks under each clause of a version ({"1.4": [duty names]}), and whether
    they are only proposed (a draft's, to be confirmed at adoption)."""
    with db.read() as session:
        version = load_version(session, version_id)
        proposed = version.status is PolicyStatus.DRAFT
        if proposed:
            links = {p.duty.key: p.number for p in proposals(session, version)}
        else:
            links = stored_links(session, version)
        names = {d.key: d.name for d in all_duties(session)}
        found: dict[str, list[str]] = {}
        for key, number in links.items():
            if number:
                found.setdefault(number, []).append(names.get(key, key))
        return found, proposed


def version_duties(
    db: Database, number: int | None = None, document: str | None = None
) -> VersionDuties:
    """The numbered version (the adopted one by default) and its duties' clauses."""
    with db.read() as session:
        version = find_version(session, document, number)
        record = version_record(version)
        if version.status is PolicyStatus.DRAFT:
            found = proposals(session, version)
            links = {p.duty.key: p.number for p in found}
            return VersionDuties(record, all_duties(session), links, True, found)
        return VersionDuties(record, all_duties(session), stored_links(session, version), False, [])
