"""The Registers tab: complaints, declared connections and (confidential) breaches."""
