#!/usr/bin/python3
"""Build voicemap's built-in UK reference geography (package ukgeo) from
published files, as republished in public Git repositories.

Usage: /usr/bin/python3 scripts/ukgeo/build.py MIRRORS OUTDIR

MIRRORS holds one bare Git snapshot per source repository, as
MIRRORS/<owner>+<name>/repo (the layout the search tool's fetch makes);
every file is read with `git show COMMIT:PATH` at the pinned commits
below, so the output is reproducible byte for byte. OUTDIR receives:

  areas.csv.gz   one row per current area: the UK, its 4 countries, the 9
                 English regions, the 21 English counties and every local
                 authority district, with parent, population (mid-2019) and
                 district-level need on each nation's own scale
  codes.csv.gz   every other code that names (part of) a current district:
                 codes retired since 2011 (successor mapping), LSOA 2011 and
                 2021, Scottish Data Zones 2011, NI Super Output Areas, MSOA
                 2011/2021, Intermediate Zones and wards since 2015
  topo.json.gz   the boundaries of the current areas: ONS super generalised
                 boundaries as a TopoJSON topology (layers uk, ctry, rgn,
                 cty, ltla)

Nothing is typed in by hand except the aliases listed in NATIONAL_ALIASES
(names, not figures). See ukgeo/data/README.md for sources and licences.
"""

import csv
import gzip
import io
import json
import math
import os
import re
import subprocess
import sys
from collections import defaultdict

SOURCES = {
    "drkane/geo-lookups": "e20a072d5fc0918437abaa3622be63f40b71d9dd",
    "ONSvisual/uk-topojson": "b2fde50cb130908b897de10b65cdc392f9b4ff78",
    "mysociety/uk_local_authority_names_and_codes": "67ef8b118938678401a452f4f19f669a7221cc73",
    "mysociety/composite_uk_imd": "af4866b06fe603b65beced39ec120b5217b1b754",
    "matthewgthomas/IMD": "8b7df2486b51caf1ee445bf13e368c255d7ec258",
}

# Common labels for the UK and its nations in 360Giving files (names, matched
# case-insensitively after punctuation is folded to spaces).
NATIONAL_ALIASES = {
    "K02000001": ["UK", "UK Wide", "UK-wide", "UK - whole", "UK whole", "Whole of UK", "United Kingdom",
                  "Nationwide", "National", "UK national", "Great Britain and Northern Ireland"],
    "E92000001": ["England - Wide", "England wide", "England-wide", "Whole of England", "All England"],
    "W92000004": ["Wales - Wide", "Wales wide", "Wales-wide", "Whole of Wales", "All Wales", "Cymru"],
    "S92000003": ["Scotland - Wide", "Scotland wide", "Scotland-wide", "Whole of Scotland", "All Scotland"],
    "N92000002": ["Northern Ireland - Wide", "Northern Ireland wide", "Whole of Northern Ireland", "NI"],
    "E12000007": ["Greater London", "London - Wide", "London wide", "Pan-London", "London"],
}

POP_YEAR = 2019
SIMD_N = 6976   # data zones ranked by SIMD 2020v2
NIMDM_N = 890   # super output areas ranked by NIMDM 2017


def git(mirrors, repo, path):
    d = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    out = subprocess.run(["git", "--git-dir", d, "show", SOURCES[repo] + ":" + path],
                         check=True, capture_output=True).stdout
    return out.decode("utf-8-sig")


def git_ls(mirrors, repo, folder):
    d = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    out = subprocess.run(["git", "--git-dir", d, "ls-tree", "--name-only", SOURCES[repo], folder + "/"],
                         check=True, capture_output=True).stdout.decode()
    return sorted(out.split())


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def norm_name(s):
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s.lower()).split())


def main(mirrors, outdir):
    dk = lambda p: git(mirrors, "drkane/geo-lookups", p)
    topo = json.loads(git(mirrors, "ONSvisual/uk-topojson", "output/topo.json"))
    la_all = rows(dk("la_all_codes.csv"))
    utla_all = {r["UTLACD"]: r for r in rows(dk("utla_all_codes.csv"))}

    # --- Current districts and their hierarchy (drkane/geo-lookups, ONS).
    current = {r["LADCD"]: r for r in la_all if r["Current"] == "TRUE"}
    areas = {}

    def add(code, name, kind, parent):
        areas[code] = {"code": code, "name": name, "kind": kind, "parent": parent, "population": None,
                       "need_index": None, "need_scale": "", "need_rank": None, "need_decile": None, "aliases": set()}

    add("K02000001", "United Kingdom", "uk", "")
    for g in topo["objects"]["ctry"]["geometries"]:
        add(g["properties"]["areacd"], g["properties"]["areanm"], "country", "K02000001")
    for g in topo["objects"]["rgn"]["geometries"]:
        if g["properties"]["areacd"].startswith("E12"):
            add(g["properties"]["areacd"], g["properties"]["areanm"], "region", "E92000001")
    for code, r in sorted(current.items()):
        ut = r["UTLACD"]
        if ut.startswith("E10") and ut not in areas:
            add(ut, utla_all[ut]["UTLANM"], "county", utla_all[ut]["RGNCD"])
    for code, r in sorted(current.items()):
        parent = r["UTLACD"] if r["UTLACD"].startswith("E10") else (r["RGNCD"] or r["CTRYCD"])
        add(code, r["LADNM"], "district", parent)

    # --- Successors of retired codes: districts (drkane, and uk-topojson's
    # changes.csv) and the counties abolished since 2019 (their 2014 districts'
    # successors, from uk-topojson's ltla14 lookup).
    codes = defaultdict(set)  # (kind, code) -> current district codes
    for r in la_all:
        if r["Current"] != "TRUE" and r["LADCD_ACTIVE"] in current:
            codes[("retired district", r["LADCD"])].add(r["LADCD_ACTIVE"])
    active = {r["LADCD"]: r["LADCD_ACTIVE"] for r in la_all}
    changes = rows(git(mirrors, "ONSvisual/uk-topojson", "input/changes.csv"))
    for r in changes:
        if r["type"] in ("merger", "new_code") and r["newcd"] in current:
            codes[("retired district", r["oldcd"])].add(r["newcd"])
    ltla14 = rows(git(mirrors, "ONSvisual/uk-topojson", "input/ltla14-lookup.csv"))
    for r in changes:
        if r["type"] == "termination" and r["oldcd"].startswith("E10"):
            for l in ltla14:
                if l["ctycd"] == r["oldcd"]:
                    succ = active.get(l["ltlacd"], l["ltlacd"])
                    if succ in current:
                        codes[("retired county", r["oldcd"])].add(succ)

    # --- Small areas to current districts.
    ms = "mysociety/uk_local_authority_names_and_codes"
    councils = rows(git(mirrors, ms, "data/packages/uk_la_past_current/uk_local_authorities_current.csv"))
    reg_to_gss = {c["local-authority-code"]: c["gss-code"] for c in councils}
    lsoa_lad = {}
    for r in rows(git(mirrors, ms, "data/packages/uk_la_past_current/lookup_lsoa_to_registry.csv")):
        gss = reg_to_gss.get(r["local-authority-code"], "")
        gss = active.get(gss, gss)
        if gss in current:
            lsoa_lad[r["lsoa"]] = gss
    for sa, lad in lsoa_lad.items():
        kind = {"E": "LSOA 2011", "W": "LSOA 2011", "S": "Data Zone 2011"}.get(sa[0], "NI Super Output Area")
        codes[(kind, sa)].add(lad)
    lsoa11_names = {}
    for folder, key, kind in (("boundaries/lsoa", "LSOA21CD", "LSOA 2021"), ("boundaries/lsoa11", "LSOA11CD", None)):
        for path in git_ls(mirrors, "drkane/geo-lookups", folder):
            lad = os.path.basename(path)[:-len(".geojson")]
            if lad not in current:
                continue  # counties, combined authorities and regions repeat their districts
            for f in json.loads(dk(path))["features"]:
                p = f["properties"]
                if kind:
                    codes[(kind, p[key])].add(active.get(p["LADCD_ACTIVE"], p["LADCD_ACTIVE"]))
                else:
                    lsoa11_names[p["LSOA11CD"]] = p["LSOA11NM"]
    for r in rows(dk("msoa_la.csv")):
        lad = active.get(r["LADCD_ACTIVE"], r["LADCD_ACTIVE"])
        if lad not in current:
            continue
        c = r["MSOACD"]
        kind = {"E": "MSOA", "W": "MSOA", "S": "Intermediate Zone 2011"}.get(c[0], "NI Super Output Area")
        codes[(kind, c)].add(lad)
    for r in rows(dk("ward_all_codes.csv")):
        lad = active.get(r["LADCD_ACTIVE"], r["LADCD_ACTIVE"])
        if lad in current:
            codes[("ward", r["WDCD"])].add(lad)

    # --- Populations: mid-2019 small-area estimates (ONS, NRS, NISRA) as
    # compiled by mySociety's composite_uk_imd, summed by current district.
    ci = "mysociety/composite_uk_imd"
    sa_pop = {}
    for r in rows(git(mirrors, ci, "data/analysis/population/2019_population.csv")):
        sa_pop[r["lsoa"]] = int(r["pop"].replace(",", ""))
    lad_pop = defaultdict(int)
    missing_pop = [sa for sa in lsoa_lad if sa not in sa_pop]
    if missing_pop:
        sys.exit(f"{len(missing_pop)} small areas have no population, e.g. {missing_pop[:3]}")
    for sa, lad in lsoa_lad.items():
        lad_pop[lad] += sa_pop[sa]
    for code in current:
        if code not in lad_pop:
            sys.exit(f"district {code} has no small area with a population")
        areas[code]["population"] = lad_pop[code]
    for a in sorted(areas.values(), key=lambda a: -depth(areas, a["code"])):
        if a["kind"] != "district":
            a["population"] = sum(c["population"] for c in areas.values() if c["parent"] == a["code"])

    # --- Need, each nation on its own scale.
    # England: IMD 2019 average score by 2019 district (matthewgthomas/IMD,
    # the IoD 2019 method, Appendix N; equal to File 10's "IMD - Average
    # score"); districts merged since are the mean of their predecessors
    # weighted by the predecessors' mid-2019 populations.
    eng = {r["LAD19CD"]: float(r["Score"]) for r in rows(git(mirrors, "matthewgthomas/IMD", "data/English IMD - Local Authorities.csv"))}
    by_succ = defaultdict(list)
    for lad19 in eng:
        by_succ[active.get(lad19, lad19)].append(lad19)
    # An LSOA 2011 is named after its 2011 district ("Taunton Deane 008A");
    # the 2019 district is that one, or its successor by the changes of 2019.
    code11 = {r["LADNM"]: r["LADCD"] for r in la_all if r["LADCD"].startswith("E")}
    to2019 = {r["oldcd"]: r["newcd"] for r in changes if r["type"] in ("merger", "new_code") and int(r["start"]) <= 2019}
    pred_pop = defaultdict(int)
    for sa, lad in lsoa_lad.items():
        if sa.startswith("E") and len(by_succ.get(lad, [])) > 1:
            prefix = lsoa11_names[sa].rsplit(" ", 1)[0]
            c = code11.get(prefix, "")
            while c not in eng and c in to2019:
                c = to2019[c]
            if c not in by_succ[lad]:
                sys.exit(f"LSOA {sa} ({lsoa11_names[sa]}) matches no predecessor of {lad}: {by_succ[lad]}")
            pred_pop[c] += sa_pop[sa]
    for lad, preds in by_succ.items():
        if lad not in current:
            sys.exit(f"IMD 2019 district {preds} has no current successor")
        if len(preds) == 1:
            score = eng[preds[0]]
        else:
            score = sum(eng[p] * pred_pop[p] for p in preds) / sum(pred_pop[p] for p in preds)
        set_need(areas[lad], score, "IMD2019_LAD_AVG_SCORE")
    # Wales: WIMD 2019 LSOA scores, population-weighted by district.
    wimd = {r["lsoa"]: float(r["WIMD 2019"]) for r in rows(git(mirrors, ci, "data/raw/country_indexes/wimd2019/wimd-2019-index-and-domain-scores.csv"))}
    weighted(areas, lsoa_lad, sa_pop, wimd, "WIMD2019_LA_AVG_SCORE")
    # Scotland and Northern Ireland publish ranks only: each small area's
    # percentile of deprivation, 100 * (N - rank + 1) / N (100 the most
    # deprived), population-weighted by district.
    simd = {r["Data_Zone"]: 100 * (SIMD_N - int(r["SIMD2020v2_Rank"]) + 1) / SIMD_N
            for r in rows(git(mirrors, ci, "data/raw/country_indexes/simd2020/SIMD+2020v2+-+ranks.csv"))}
    weighted(areas, lsoa_lad, sa_pop, simd, "SIMD2020_LA_AVG_PERCENTILE_SCORE")
    nimdm = {r["SOA2001"]: 100 * (NIMDM_N - int(r["MDM_rank"]) + 1) / NIMDM_N
             for r in rows(git(mirrors, ci, "data/raw/country_indexes/nimdm2017/nimdm2017-soa.csv"))}
    weighted(areas, lsoa_lad, sa_pop, nimdm, "NIMDM2017_LGD_AVG_PERCENTILE_SCORE")
    for scale in {a["need_scale"] for a in areas.values() if a["need_scale"]}:
        group = sorted((a for a in areas.values() if a["need_scale"] == scale), key=lambda a: (-a["need_index"], a["code"]))
        for i, a in enumerate(group):
            a["need_rank"] = i + 1
            a["need_decile"] = math.ceil((i + 1) * 10 / len(group))
    for code, a in areas.items():
        if a["kind"] == "district" and a["need_index"] is None:
            sys.exit(f"district {code} {a['name']} has no need figure")

    # --- Aliases: mySociety's council names and alternative names, and the
    # national labels above.
    for c in councils:
        gss = active.get(c["gss-code"], c["gss-code"])
        if gss in areas and areas[gss]["kind"] in ("district", "county") and c["current-authority"] == "True":
            for n in [c["official-name"], c["nice-name"]] + c["alt-names"].split(","):
                if n.strip():
                    areas[gss]["aliases"].add(n.strip())
    # The names of districts retired since 2011 name their successor when
    # it is one district ("Aylesbury Vale" is now in Buckinghamshire), as
    # small areas keep those names ("Aylesbury Vale 001A").
    for r in la_all:
        succ = codes.get(("retired district", r["LADCD"]), set())
        if r["Current"] != "TRUE" and len(succ) == 1:
            areas[next(iter(succ))]["aliases"].add(r["LADNM"])
    for code, al in NATIONAL_ALIASES.items():
        areas[code]["aliases"].update(al)
    for a in areas.values():
        # One alias per folded form (matching ignores case and punctuation),
        # the first in sorted order; none equal to the name.
        seen = {norm_name(a["name"])}
        kept = []
        for x in sorted(a["aliases"]):
            if norm_name(x) and norm_name(x) not in seen:
                seen.add(norm_name(x))
                kept.append(x)
        a["aliases"] = sorted(kept, key=lambda s: (norm_name(s), s))

    # --- Boundaries: the current areas' layers of the ONS topology.
    keep = {"uk": {"K02000001"}, "ctry": {c for c, a in areas.items() if a["kind"] == "country"},
            "rgn": {c for c, a in areas.items() if a["kind"] == "region"},
            "cty": {c for c, a in areas.items() if a["kind"] == "county"},
            "ltla": set(current)}
    # The topology keeps Glasgow City and North Lanarkshire under their
    # pre-2019 codes (the 2019 boundary change is invisible at this
    # generalisation): a current code without a boundary takes its
    # predecessor's, by changes.csv.
    successor_of = {r["oldcd"]: r["newcd"] for r in changes if r["type"] in ("new_geo", "new_code") and r["newcd"] in current}
    objects = {}
    for layer, wanted in keep.items():
        geoms = []
        present = {g["properties"]["areacd"] for g in topo["objects"][layer]["geometries"]}
        for g in topo["objects"][layer]["geometries"]:
            cd = g["properties"]["areacd"]
            end = g["properties"].get("end")
            if cd not in wanted and successor_of.get(cd) in wanted and successor_of[cd] not in present:
                cd, end = successor_of[cd], None
            if cd in wanted and (end is None or end > 2025):
                geoms.append({"type": g["type"], "arcs": g["arcs"], "id": cd})
        found = {g["id"] for g in geoms}
        if found != wanted:
            sys.exit(f"layer {layer}: no boundary for {sorted(wanted - found)}")
        objects[layer] = {"type": "GeometryCollection", "geometries": sorted(geoms, key=lambda g: g["id"])}
    arc_ids = sorted({arc_index(i) for o in objects.values() for g in o["geometries"] for i in flat(g["arcs"])})
    remap = {old: new for new, old in enumerate(arc_ids)}
    for o in objects.values():
        for g in o["geometries"]:
            g["arcs"] = remap_arcs(g["arcs"], remap)
    out_topo = {"type": "Topology", "transform": topo["transform"], "objects": objects,
                "arcs": [topo["arcs"][i] for i in arc_ids]}

    os.makedirs(outdir, exist_ok=True)
    write_gz(os.path.join(outdir, "areas.csv.gz"), areas_csv(areas))
    write_gz(os.path.join(outdir, "codes.csv.gz"), codes_csv(codes, areas))
    write_gz(os.path.join(outdir, "topo.json.gz"), json.dumps(out_topo, separators=(",", ":"), sort_keys=True) + "\n")
    kinds = defaultdict(int)
    for (k, _c) in codes:
        kinds[k] += 1
    print(f"areas: {len(areas)} ({sum(1 for a in areas.values() if a['kind']=='district')} districts); "
          f"codes: {dict(sorted(kinds.items()))}; arcs: {len(arc_ids)}")


def depth(areas, code):
    d = 0
    while areas[code]["parent"]:
        code = areas[code]["parent"]
        d += 1
    return d


def set_need(a, value, scale):
    a["need_index"], a["need_scale"] = round(value, 6), scale


def weighted(areas, lsoa_lad, sa_pop, values, scale):
    num, den = defaultdict(float), defaultdict(int)
    for sa, v in values.items():
        lad = lsoa_lad.get(sa)
        if lad is None:
            sys.exit(f"{scale}: small area {sa} has no district")
        num[lad] += v * sa_pop[sa]
        den[lad] += sa_pop[sa]
    for lad in num:
        set_need(areas[lad], num[lad] / den[lad], scale)


def arc_index(i):
    return i if i >= 0 else ~i


def flat(arcs):
    for x in arcs:
        if isinstance(x, list):
            yield from flat(x)
        else:
            yield x


def remap_arcs(arcs, remap):
    if isinstance(arcs, list):
        return [remap_arcs(x, remap) for x in arcs]
    return remap[arcs] if arcs >= 0 else ~remap[~arcs]


def areas_csv(areas):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "kind", "parent", "population", "population_year", "need_index", "need_scale",
                "need_rank", "need_decile", "aliases"])
    order = {"uk": 0, "country": 1, "region": 2, "county": 3, "district": 4}
    for a in sorted(areas.values(), key=lambda a: (order[a["kind"]], a["code"])):
        w.writerow([a["code"], a["name"], a["kind"], a["parent"], a["population"], POP_YEAR,
                    "" if a["need_index"] is None else repr(a["need_index"]), a["need_scale"],
                    a["need_rank"] or "", a["need_decile"] or "", "|".join(a["aliases"])])
    return buf.getvalue()


def codes_csv(codes, areas):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "kind", "districts"])
    for (kind, code), lads in sorted(codes.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if code in areas:
            continue  # a current area's own code
        w.writerow([code, kind, "|".join(sorted(lads))])
    return buf.getvalue()


def write_gz(path, text):
    with open(path, "wb") as f:
        # mtime 0 and no file name: the same input gives the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(text.encode())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
