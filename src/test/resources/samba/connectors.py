#!/usr/bin/python3
"""Plants the accounts connector discovery must find, and one it must not, in the test domain.

Usage: connectors.py PROVISION_DIR PASSWORD
- MSOL_0123456789ab: named and described as Entra Connect's installer does, holding the three
  grants Microsoft's writeback permission cmdlet writes at the domain head (Reset Password,
  write lockoutTime, write pwdLastSet on descendant users), last logon 2026-11-28;
- svc-custom: a connector account named by its admin, holding Reset Password on OU=Custom only,
  last logon 2026-11-29 (later: it is not a named connector, so auto still prefers MSOL_);
- provAgentgMSA$: Cloud Sync's group managed service account, when Samba can create one;
- MSOL_lookalike: a name alone, no installer's description, no grant.
Prints one JSON object with the DNs, SIDs and, for the gMSA, either its DN or why not.
"""
import json
import re
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

RESET = "00299570-246d-11d0-a768-00aa006e0529"
LOCKOUT = "28630ebf-41d5-11d1-a9c1-0000f80367c1"
PWDLASTSET = "bf967a0a-0de6-11d0-a285-00aa003049e2"
USER = "bf967aba-0de6-11d0-a285-00aa003049e2"

target, password = sys.argv[1:3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
out = {}


def sid_of(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])
    return str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))


def add_explicit_aces(dn, new_aces):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"],
                    controls=["sd_flags:1:4"])
    text = ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0]).as_sddl(dsid)
    aces = re.findall(r"\([^)]*\)", text)
    explicit = "".join(a for a in aces if "ID" not in a[1:-1].split(";")[1])
    head = text[:text.index("(")] if "(" in text else text
    msg = ldb.Message()
    msg.dn = ldb.Dn(db, dn)
    sd = security.descriptor.from_sddl(head + "".join(new_aces) + explicit, dsid)
    msg["nTSecurityDescriptor"] = ldb.MessageElement(ndr_pack(sd), ldb.FLAG_MOD_REPLACE,
                                                     "nTSecurityDescriptor")
    db.modify(msg, controls=["sd_flags:1:4"])


def set_attrs(dn, **attrs):
    m = ldb.Message()
    m.dn = ldb.Dn(db, dn)
    for k, v in attrs.items():
        m[k] = ldb.MessageElement(v, ldb.FLAG_MOD_REPLACE, k)
    db.modify(m)


def file_time(iso_day):
    # 100 ns intervals since 1601-01-01 for midnight UTC of the day given.
    import datetime
    d = datetime.datetime.fromisoformat(iso_day + "T00:00:00+00:00")
    return str(int((d.timestamp() + 11644473600) * 10000000))


msol = "CN=MSOL_0123456789ab,CN=Users," + base
db.newuser("MSOL_0123456789ab", password)
set_attrs(msol, description="Account created by Microsoft Azure Active Directory Connect with"
          " installation identifier 0123456789abcdef0123456789abcdef running on computer AADC01"
          " configured to synchronize to tenant contoso.onmicrosoft.com. This account must have"
          " directory replication permissions in the local Active Directory and write permission"
          " on certain attributes to enable Hybrid Deployment.",
          lastLogonTimestamp=file_time("2026-11-28"))
msol_sid = sid_of(msol)
add_explicit_aces(base, ["(OA;CIIO;CR;%s;%s;%s)" % (RESET, USER, msol_sid),
                         "(OA;CIIO;WP;%s;%s;%s)" % (LOCKOUT, USER, msol_sid),
                         "(OA;CIIO;WP;%s;%s;%s)" % (PWDLASTSET, USER, msol_sid)])
out["msol"] = {"dn": msol, "sid": msol_sid}

custom_ou = "OU=Custom," + base
db.create_ou(custom_ou)
db.newuser("custom1", password, userou="OU=Custom")
db.newuser("svc-custom", password)
custom = "CN=svc-custom,CN=Users," + base
set_attrs(custom, lastLogonTimestamp=file_time("2026-11-29"))
custom_sid = sid_of(custom)
add_explicit_aces(custom_ou, ["(OA;CIIO;CR;%s;%s;%s)" % (RESET, USER, custom_sid)])
out["custom"] = {"dn": custom, "sid": custom_sid, "ou": custom_ou}

db.newuser("MSOL_lookalike", password)
out["lookalike"] = "CN=MSOL_lookalike,CN=Users," + base

gmsa = "CN=provAgentgMSA,CN=Managed Service Accounts," + base
try:
    db.add({"dn": gmsa, "objectClass": "msDS-GroupManagedServiceAccount",
            "sAMAccountName": "provAgentgMSA$", "userAccountControl": "4096",
            "msDS-ManagedPasswordInterval": "30",
            "dNSHostName": "provagentgmsa." + lp.get("realm").lower()})
    out["gmsa"] = {"dn": gmsa, "sid": sid_of(gmsa)}
except ldb.LdbError as e:
    out["gmsa"] = {"dn": None, "why": str(e)}

print(json.dumps(out))
