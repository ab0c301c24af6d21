#!/usr/bin/python3
"""What writeback's SAM calls do before a write, as an account: connect to the DC's SAM server,
open the domain, look a user up by name, open it and read its account information (level 21).

Usage: samr_lookup.py PROVISION_DIR IP ACCOUNT PASSWORD USER
Prints one JSON object: {"connected": bool, "read": bool, "error": text or null}.
"""
import json
import sys

from samba.credentials import Credentials
from samba.dcerpc import lsa, samr, security
from samba.param import LoadParm

target, ip, account, password, user = sys.argv[1:6]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
creds = Credentials()
creds.guess(lp)
creds.set_username(account)
creds.set_password(password)
out = {"connected": False, "read": False, "error": None}
try:
    conn = samr.samr("ncacn_ip_tcp:%s[seal]" % ip, lp, creds)
    handle = conn.Connect2(None, security.SEC_FLAG_MAXIMUM_ALLOWED)
    out["connected"] = True
    domains = conn.EnumDomains(handle, 0, 100)[1].entries
    name = [d.name.string for d in domains if d.name.string.lower() != "builtin"][0]
    domain = conn.OpenDomain(handle, security.SEC_FLAG_MAXIMUM_ALLOWED, conn.LookupDomain(handle, lsa.String(name)))
    rids, _ = conn.LookupNames(domain, [lsa.String(user)])
    handle_user = conn.OpenUser(domain, security.SEC_FLAG_MAXIMUM_ALLOWED, rids.ids[0])
    conn.QueryUserInfo(handle_user, 21)
    out["read"] = True
except Exception as e:
    out["error"] = str(e)
print(json.dumps(out))
