"""A small office for the content tests: SDM, VDO, a writer, a possible acting SDM, two channels
and a photo of a child whose parent consented to the website and social media."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from PIL import Image

from hsdesk.db.engine import Database
from hsdesk.domain import clock
from hsdesk.domain.actor import Actor
from hsdesk.domain.consent import ConsentMethod, ConsentScope
from hsdesk.domain.content import CHECKLIST, Platform
from hsdesk.domain.content_records import ChannelInput, ContentInput, SignOff
from hsdesk.domain.enums import Office, PersonKind
from hsdesk.domain.photo_records import ConsentInput
from hsdesk.domain.records import PersonInput
from hsdesk.services.content import approval, channels, drafts, upload
from hsdesk.services.people import accounts, offices
from hsdesk.services.people import persons as people
from hsdesk.services.people.offices import HoldingInput
from hsdesk.services.photos import consents
from hsdesk.services.photos import library as photos
from hsdesk.services.photos.files import check_photo
from hsdesk.services.platform import auth

PASSWORD = "correct horse"
TODAY = clock.today()
YES = {item.key: True for item in CHECKLIST}


@dataclass
class ContentOffice:
    db: Database
    admin: Actor
    sdm: Actor
    vdo: Actor
    writer: Actor
    cover: Actor  # a member of staff who can be made acting SDM
    web: int
    facebook: int
    photo: int
    child: int
    parent: int
    consent: int

    def draft(
        self,
        photos_: tuple[int, ...] = (),
        channels_: tuple[int, ...] | None = None,
        by: Actor | None = None,
        body: str = "Come to our coffee morning!",
    ) -> int:
        data = ContentInput(
            "Coffee morning",
            body,
            channels_ if channels_ is not None else (self.web, self.facebook),
            photos_,
        )
        return drafts.save_item(self.db, by or self.writer, data).id

    def approved(self, photos_: tuple[int, ...] = (), by: Actor | None = None) -> int:
        item = self.draft(photos_, by=by)
        drafts.submit(self.db, by or self.writer, item)
        approval.decide(self.db, self.writer, item, APPROVE, SignOff("helen", PASSWORD), YES)
        return item

    def upload(self, item: int, channel: int, who: str = "daniel", minutes_ago: int = 0):
        posted = clock.now() - timedelta(minutes=minutes_ago)
        return upload.upload(
            self.db,
            self.writer,
            item,
            channel,
            "https://www.facebook.com/p/1",
            posted,
            SignOff(who, PASSWORD),
        )

    def make_acting_sdm(self) -> None:
        offices.add_holding(
            self.db,
            self.admin,
            HoldingInput(
                Office.SDM,
                self.cover.person_id or 0,
                TODAY - timedelta(days=1),
                acting=True,
                acting_reason="SDM on leave",
            ),
        )


from hsdesk.domain.content import Decision  # noqa: E402

APPROVE = Decision.APPROVE


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


def build_office(db: Database, admin: Actor) -> ContentOffice:
    def staff(first: str, last: str, username: str) -> int:
        rec = people.add_person(db, admin, PersonInput(first, last, PersonKind.STAFF))
        accounts.create_account(db, admin, rec.id, username, PASSWORD)
        return rec.id

    helen = staff("Helen", "Whitworth", "helen")
    daniel = staff("Daniel", "Okafor", "daniel")
    staff("Shazia", "Begum", "shazia")
    staff("Priya", "Shah", "priya")
    since = TODAY - timedelta(days=400)
    offices.add_holding(db, admin, HoldingInput(Office.SDM, helen, since))
    offices.add_holding(db, admin, HoldingInput(Office.VDO, daniel, since))
    parent = people.add_person(db, admin, PersonInput("Leanne", "Booth", PersonKind.FAMILY_MEMBER))
    child = people.add_person(
        db,
        admin,
        PersonInput(
            "Alfie",
            "Booth",
            PersonKind.CHILD,
            guardian_id=parent.id,
            date_of_birth=TODAY - timedelta(days=5 * 365),
        ),
    )
    web = channels.save_channel(
        db, admin, ChannelInput("Website", Platform.WEBSITE, ConsentScope.WEBSITE, "https://h.org")
    )
    facebook = channels.save_channel(
        db, admin, ChannelInput("Facebook page", Platform.FACEBOOK, ConsentScope.SOCIAL_MEDIA)
    )
    photo, _ = photos.import_photo(db, admin, check_photo(_jpeg("orange"), "party.jpg"), "Party")
    photos.tag_person(db, admin, photo, child.id)
    consent = consents.record_consent(
        db,
        admin,
        ConsentInput(
            subject_id=child.id,
            given_by_id=parent.id,
            relationship="Parent",
            method=ConsentMethod.EMAIL,
            wording_version=2,
            scopes=frozenset({ConsentScope.WEBSITE, ConsentScope.SOCIAL_MEDIA}),
            given_on=TODAY - timedelta(days=10),
        ),
    )
    return ContentOffice(
        db=db,
        admin=admin,
        sdm=auth.sign_in(db, "helen", PASSWORD),
        vdo=auth.sign_in(db, "daniel", PASSWORD),
        writer=auth.sign_in(db, "shazia", PASSWORD),
        cover=auth.sign_in(db, "priya", PASSWORD),
        web=web.id,
        facebook=facebook.id,
        photo=photo,
        child=child.id,
        parent=parent.id,
        consent=consent.id,
    )
