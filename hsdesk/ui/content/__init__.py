"""The Content tab: the register of posts, their approval, upload and takedown, and the channels."""
