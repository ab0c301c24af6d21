#!/usr/bin/python3
"""Reads or replaces one object's nTSecurityDescriptor, as SDDL, through the DC's own database.

Usage: descriptor.py PROVISION_DIR get DN
       descriptor.py PROVISION_DIR set DN SDDL
"get" prints the SDDL; "set" replaces the whole descriptor with it. Tests that grant on a shared
DC use these to put back exactly what was there before.
"""
import sys

from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
from samba.sd_utils import SDUtils

target, action, dn = sys.argv[1:4]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
sd = SDUtils(db)
if action == "get":
    print(sd.get_sd_as_sddl(dn))
elif action == "set":
    sd.modify_sd_on_dn(dn, sys.argv[4])
else:
    sys.exit("unknown action " + action)
