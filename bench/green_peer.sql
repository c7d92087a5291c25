-- Peer of bench/green_bench.sh: the dissolve + per-zone clip of greengauge assess green_spaces,
-- in SpatiaLite through GDAL's SQLite dialect on the GeoPackage (ogr2ogr -dialect SQLite -sql @FILE).
-- Per zone: the parks whose bounding box meets the zone's (the GeoPackage R-tree), unioned
-- (ST_Union aggregate = GEOS union), intersected with the zone, ST_Area (planar, EPSG:32647 m2);
-- once for every park and once for the public ones. A zone with no park gets 0.
SELECT z.zone_id AS zone_id,
  COALESCE(ST_Area(ST_Intersection(z.geom,
    (SELECT ST_Union(p.geom) FROM parks p WHERE p.fid IN
      (SELECT r.id FROM rtree_parks_geom r
       WHERE r.maxx >= ST_MinX(z.geom) AND r.minx <= ST_MaxX(z.geom)
         AND r.maxy >= ST_MinY(z.geom) AND r.miny <= ST_MaxY(z.geom))))), 0.0) AS green_m2,
  COALESCE(ST_Area(ST_Intersection(z.geom,
    (SELECT ST_Union(p.geom) FROM parks p WHERE p.public = 'yes' AND p.fid IN
      (SELECT r.id FROM rtree_parks_geom r
       WHERE r.maxx >= ST_MinX(z.geom) AND r.minx <= ST_MaxX(z.geom)
         AND r.maxy >= ST_MinY(z.geom) AND r.miny <= ST_MaxY(z.geom))))), 0.0) AS public_m2
FROM zones z ORDER BY z.zone_id
