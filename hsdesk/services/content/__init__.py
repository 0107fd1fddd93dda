"""Content: drafts, the SDM's approval, the VDO's upload, takedowns, channels and their exports."""
