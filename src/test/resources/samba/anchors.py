#!/usr/bin/python3
"""Plants sync-anchor collisions (and near misses) in one forest of the multi-forest tests.

Usage: anchors.py PROVISION_DIR SIDE SYNC_PASSWORD USER_PASSWORD
SIDE is "corp" or "fabrikam": each side holds its half of every planted pair, under OU=Anchors.
On "fabrikam" it also creates svc-sync (corp's comes from layout.py). Prints the users' DNs as
JSON. Which values collide is for the tests to assert; this script only stores them.
"""
import json
import sys
import uuid

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

target, side, sync_password, user_password = sys.argv[1:5]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
if side == "fabrikam":
    db.newuser("svc-sync", sync_password)
db.create_ou("OU=Anchors," + base)
out = {}

SHARED_GUID = uuid.UUID("5e1f0c2a-7b3d-4e8f-9a10-b2c3d4e5f607").bytes_le
NEAR_GUID = uuid.UUID("5e1f0c2a-7b3d-4e8f-9a10-b2c3d4e5f608").bytes_le


def user(name, enabled=True, **attrs):
    db.newuser(name, user_password, userou="OU=Anchors")
    dn = "CN=%s,OU=Anchors,%s" % (name, base)
    m = ldb.Message()
    m.dn = ldb.Dn(db, dn)
    for attr, values in attrs.items():
        m[attr] = ldb.MessageElement(values, ldb.FLAG_MOD_REPLACE, attr)
    if attrs:
        db.modify(m)
    if not enabled:
        db.disable_account("(sAMAccountName=%s)" % name)
    out[name] = dn


if side == "corp":
    user("c-ann", userPrincipalName="ann@shared.example")                 # UPN, both enabled
    user("c-bob", mail="Bob@Shared.Example")                              # mail, other side disabled
    user("c-carl", proxyAddresses=["SMTP:carl@shared.example",            # one holder, listed twice
                                   "smtp:CARL@shared.example", "X500:/o=Corp/cn=dave"])
    user("c-guid", **{"mS-DS-ConsistencyGuid": [SHARED_GUID]})
    user("c-erin1", mail="erin@corp.example")                             # within one forest
    user("c-erin2", mail="Erin@Corp.Example")
    user("c-frank", userPrincipalName="frank@shared.example")            # near miss: other domain
    user("c-gina", proxyAddresses=["smtp:gina@a.example"])                # near miss
    user("c-hugo", **{"mS-DS-ConsistencyGuid": [NEAR_GUID]})              # near miss: one byte off
else:
    user("f-ann", userPrincipalName="ANN@shared.example")
    user("f-bob", enabled=False, mail="bob@shared.example")
    user("f-carl", proxyAddresses=["smtp:carl@shared.example"])
    user("f-guid", **{"mS-DS-ConsistencyGuid": [SHARED_GUID]})
    user("f-frank", userPrincipalName="frank@shared.example.org")
    user("f-gina", proxyAddresses=["smtp:gina@b.example", "X500:/o=Corp/cn=dave"])
    user("f-ivan", mail="carl@shared.example")                            # same text, other attribute
print(json.dumps(out))
