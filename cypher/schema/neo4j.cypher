// graphkit schema for neo4j, generated from graphkit/model.py; do not edit.
CREATE CONSTRAINT report_key IF NOT EXISTS FOR (n:Report) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT operation_key IF NOT EXISTS FOR (n:Operation) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT criminalgroup_key IF NOT EXISTS FOR (n:CriminalGroup) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT country_iso2 IF NOT EXISTS FOR (n:Country) REQUIRE n.iso2 IS UNIQUE;
CREATE CONSTRAINT agency_key IF NOT EXISTS FOR (n:Agency) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT seizure_key IF NOT EXISTS FOR (n:Seizure) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE INDEX operated_in_report IF NOT EXISTS FOR ()-[e:OPERATED_IN]-() ON (e.report);
CREATE INDEX conducted_in_report IF NOT EXISTS FOR ()-[e:CONDUCTED_IN]-() ON (e.report);
CREATE INDEX arrested_in_report IF NOT EXISTS FOR ()-[e:ARRESTED_IN]-() ON (e.report);
CREATE INDEX targeted_report IF NOT EXISTS FOR ()-[e:TARGETED]-() ON (e.report);
CREATE INDEX participated_in_report IF NOT EXISTS FOR ()-[e:PARTICIPATED_IN]-() ON (e.report);
CREATE INDEX cooperated_with_report IF NOT EXISTS FOR ()-[e:COOPERATED_WITH]-() ON (e.report);
CREATE INDEX based_in_report IF NOT EXISTS FOR ()-[e:BASED_IN]-() ON (e.report);
CREATE INDEX seized_report IF NOT EXISTS FOR ()-[e:SEIZED]-() ON (e.report);
CREATE INDEX describes_report IF NOT EXISTS FOR ()-[e:DESCRIBES]-() ON (e.report);
CREATE INDEX member_of_report IF NOT EXISTS FOR ()-[e:MEMBER_OF]-() ON (e.report);
