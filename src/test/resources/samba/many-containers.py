#!/usr/bin/python3
"""Fills a test domain with OUs and users, for the tests that need a tree of some size.

Usage: many-containers.py PROVISION_DIR OUS USERS_PER_OU PASSWORD
Creates OU=Fault1 .. OU=FaultN, each with that many users. Prints the number of users made.
"""
import sys

from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

target, ous, per_ou, password = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
made = 0
for i in range(1, ous + 1):
    db.create_ou("OU=Fault%d,%s" % (i, base))
    for j in range(per_ou):
        db.newuser("f%d-%d" % (i, j), password, userou="OU=Fault%d" % i)
        made += 1
print(made)
