"""Photos and the consents of the people pictured in them."""
