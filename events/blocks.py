"""StreamField blocks of event pages: the programme and the documents after the event."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from vakgenoten.blocks import DocumentBlock


class SessionBlock(blocks.StructBlock):
    """One item of the programme: a talk, a workshop round, a break."""

    day = blocks.DateBlock(
        label=_("Dag"),
        required=False,
        help_text=_("Alleen nodig bij een evenement van meer dagen."),
    )
    start_time = blocks.TimeBlock(label=_("Begintijd"), format="%H:%M")
    end_time = blocks.TimeBlock(label=_("Eindtijd"), required=False, format="%H:%M")
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    speakers = blocks.CharBlock(
        label=_("Sprekers"),
        required=False,
        max_length=250,
        help_text=_("Bijvoorbeeld: Anouk de Vries (gemeente Lindenholt)."),
    )
    room = blocks.CharBlock(label=_("Zaal"), required=False, max_length=100)
    description = blocks.TextBlock(label=_("Korte toelichting"), required=False)

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if start and end and end <= start:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end_time": blocks.BlockValidationError(
                        _("De eindtijd moet na de begintijd liggen.")
                    )
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Programmaonderdeel")
        template = "events/blocks/session_block.html"


class ProgrammeBlock(blocks.StreamBlock):
    """The programme of an event, in the order the organiser puts the sessions in."""

    session = SessionBlock()


class EventDocumentsBlock(blocks.StreamBlock):
    """Slides, reports and other files published after the event."""

    document = DocumentBlock()
