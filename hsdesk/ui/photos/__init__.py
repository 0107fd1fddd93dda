"""The Photos tab: the photo library, the people pictured and their consents."""
