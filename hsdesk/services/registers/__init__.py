"""The registers: complaints, confidential breaches and declared connections."""
