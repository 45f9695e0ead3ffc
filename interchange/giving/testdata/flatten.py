#!/usr/bin/env python3
"""Writes covid19_tracker_grants.csv, the flat (spreadsheet template) form of
the real records in covid19_tracker_grants.json, using the 360Giving column
titles. Run from this directory: /usr/bin/python3 flatten.py"""
import csv
import json

COLUMNS = [
    "Identifier", "Title", "Description", "Currency", "Amount Awarded",
    "Award Date", "Recipient Org:Identifier", "Recipient Org:Name",
    "Recipient Org:Postal Code", "Funding Org:Identifier", "Funding Org:Name",
    "Grant Programme:Title", "Beneficiary Location:Name",
    "Beneficiary Location:Country Code", "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type", "Last Modified",
]

with open("covid19_tracker_grants.json", encoding="utf-8") as f:
    grants = json.load(f, parse_float=str, parse_int=str)["grants"]

with open("covid19_tracker_grants.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for g in grants:
        rec = g["recipientOrganization"][0]
        fun = g["fundingOrganization"][0]
        prog = (g.get("grantProgramme") or [{}])[0]
        loc = (g.get("beneficiaryLocation") or [{}])[0]
        w.writerow([
            g["id"], g["title"], g["description"], g["currency"],
            g["amountAwarded"], g["awardDate"], rec["id"], rec["name"],
            rec.get("postalCode", ""), fun["id"], fun["name"],
            prog.get("title", ""), loc.get("name", ""),
            loc.get("countryCode", ""), loc.get("geoCode", ""),
            loc.get("geoCodeType", ""), g.get("dateModified", ""),
        ])
