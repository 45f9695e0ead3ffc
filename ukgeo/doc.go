// Package ukgeo is voicemap's built-in reference geography of the United
// Kingdom, embedded in the binary (about 450 KB, compressed): the UK, its
// four countries, England's nine regions, its 21 two-tier counties and
// every current local authority district (361), each with its ONS GSS
// code, name, aliases, parent, mid-2019 population, district-level
// deprivation on its nation's own scale and a super generalised boundary;
// and the codes that name parts of them: district and county codes retired
// since 2011 with their successors, LSOAs (2011 and 2021), Scottish Data
// Zones, Northern Ireland Super Output Areas, MSOAs, Intermediate Zones
// and wards since 2015, each to its current district.
//
// # Need
//
// Deprivation indices differ between the nations and are never compared
// across them; each district carries its nation's figure with its own
// scale (voicemap's funding analysis normalises a SCORE scale by its mean
// over the places compared, scale by scale):
//
//	IMD2019_LAD_AVG_SCORE             England: the English Indices of Deprivation 2019
//	                                  district "IMD - Average score" (population-weighted
//	                                  mean of LSOA scores, IoD 2019 Technical Report
//	                                  Appendix N); districts merged since 2019: the
//	                                  mean of their predecessors' scores weighted by
//	                                  mid-2019 population
//	WIMD2019_LA_AVG_SCORE             Wales: population-weighted mean of the WIMD 2019
//	                                  LSOA scores (the same method)
//	SIMD2020_LA_AVG_PERCENTILE_SCORE  Scotland: SIMD 2020v2 publishes ranks only; the
//	                                  population-weighted mean of each data zone's
//	                                  100·(N − rank + 1)/N, N = 6,976 (100 = the most
//	                                  deprived data zone)
//	NIMDM2017_LGD_AVG_PERCENTILE_SCORE Northern Ireland: likewise from NIMDM 2017 ranks,
//	                                  N = 890 Super Output Areas
//
// Higher is more deprived on every scale. NeedRank and NeedDecile rank the
// districts of one scale (1 the most deprived).
//
// The data, its sources (public repositories republishing ONS, MHCLG,
// Welsh Government, Scottish Government and NISRA data under the Open
// Government Licence v3.0), and the script that builds it are described in
// data/README.md; scripts/ukgeo/build.py rebuilds the files byte for byte.
package ukgeo
