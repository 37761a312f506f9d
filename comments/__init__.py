"""Comments under articles and events, with moderation and notifications."""
