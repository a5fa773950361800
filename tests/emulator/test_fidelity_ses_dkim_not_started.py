"""Only a domain set up for Easy DKIM reports DKIM enabled and tokens, as in AWS."""

from __future__ import annotations


def test_dkim_is_reported_only_for_domains_set_up_for_it(clean_emulator):
    ses = clean_emulator.client("ses")
    ses.verify_domain_identity(Domain="plain.example.com")
    ses.verify_domain_identity(Domain="signed.example.com")
    tokens = ses.verify_domain_dkim(Domain="signed.example.com")["DkimTokens"]
    found = ses.get_identity_dkim_attributes(Identities=["plain.example.com", "signed.example.com"])["DkimAttributes"]
    assert found["plain.example.com"]["DkimEnabled"] is False
    assert found["plain.example.com"]["DkimVerificationStatus"] == "NotStarted"
    assert "DkimTokens" not in found["plain.example.com"]
    assert found["signed.example.com"]["DkimEnabled"] is True and len(found["signed.example.com"]["DkimTokens"]) == 3
    assert len(tokens) == 3
    ses.delete_identity(Identity="signed.example.com")
    ses.verify_domain_identity(Domain="signed.example.com")
    again = ses.get_identity_dkim_attributes(Identities=["signed.example.com"])["DkimAttributes"]
    assert again["signed.example.com"]["DkimEnabled"] is False
