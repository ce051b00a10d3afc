// graphkit schema for ladybug, generated from graphkit/model.py; do not edit.
CREATE NODE TABLE IF NOT EXISTS Report(key STRING PRIMARY KEY, source STRING, title STRING, published STRING, text STRING, sha256 STRING);
CREATE NODE TABLE IF NOT EXISTS Operation(key STRING PRIMARY KEY, name STRING, start_date STRING, end_date STRING, arrests INT64, officers INT64, searches INT64, crimes STRING[], display_name STRING, reports STRING[], pagerank DOUBLE, betweenness DOUBLE, community INT64, degree INT64);
CREATE NODE TABLE IF NOT EXISTS CriminalGroup(key STRING PRIMARY KEY, name STRING, descriptor STRING, crimes STRING[], nationalities STRING[], display_name STRING, reports STRING[], pagerank DOUBLE, betweenness DOUBLE, community INT64, degree INT64);
CREATE NODE TABLE IF NOT EXISTS Country(iso2 STRING PRIMARY KEY, name STRING, reports STRING[], pagerank DOUBLE, betweenness DOUBLE, community INT64, degree INT64);
CREATE NODE TABLE IF NOT EXISTS Agency(key STRING PRIMARY KEY, name STRING, country STRING, kind STRING, reports STRING[], pagerank DOUBLE, betweenness DOUBLE, community INT64, degree INT64);
CREATE NODE TABLE IF NOT EXISTS Seizure(key STRING PRIMARY KEY, item STRING, quantity DOUBLE, unit STRING, country STRING, reports STRING[], pagerank DOUBLE, betweenness DOUBLE, community INT64, degree INT64);
CREATE NODE TABLE IF NOT EXISTS Person(key STRING PRIMARY KEY, name STRING, nationality STRING, age INT64, reports STRING[], pagerank DOUBLE, betweenness DOUBLE, community INT64, degree INT64);
CREATE REL TABLE IF NOT EXISTS OPERATED_IN(FROM CriminalGroup TO Country, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS CONDUCTED_IN(FROM Operation TO Country, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS ARRESTED_IN(FROM CriminalGroup TO Country, FROM Person TO Country, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS TARGETED(FROM Operation TO CriminalGroup, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS PARTICIPATED_IN(FROM Agency TO Operation, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING, role STRING);
CREATE REL TABLE IF NOT EXISTS COOPERATED_WITH(FROM Agency TO Agency, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS BASED_IN(FROM Agency TO Country, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS SEIZED(FROM Operation TO Seizure, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS DESCRIBES(FROM Report TO Operation, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
CREATE REL TABLE IF NOT EXISTS MEMBER_OF(FROM Person TO CriminalGroup, report STRING, evidence STRING, evidence_start INT64, evidence_end INT64, certainty STRING);
