"""What a pulse tells the rest of Inside Out, without knowing who listens."""

from django.dispatch import Signal

# A doer answering a pulse chose to send a need to the centre as an ask too. Sent with
# `invitation` and `answer`; a receiver raises the ask and returns it, or raises
# PermissionDenied or ValidationError to refuse.
need_sent_as_ask = Signal()

# The play-back of a closing pulse is being drafted: receivers return lines saying what the
# centre has committed to do about what the doers said (the asks app lists its commitments).
playback_commitments = Signal()
