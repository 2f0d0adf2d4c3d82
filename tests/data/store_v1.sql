BEGIN TRANSACTION;
CREATE TABLE items (
	id VARCHAR(32) NOT NULL, 
	session_id INTEGER NOT NULL, 
	step INTEGER NOT NULL, 
	"column" VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	author VARCHAR, 
	position INTEGER NOT NULL, 
	votes INTEGER NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "items" VALUES('aaf9a5f0023b4a7eae46d45239b231cf',1,1,'action','Identify WHY you need a partner','Asaf',0,0,'2026-11-26T10:59:22.697641+00:00','2026-11-26T10:59:22.697641+00:00');
INSERT INTO "items" VALUES('66b1ae395825415ca11acf9a2e1a5e3f',1,1,'obstacle','No time [bold]','Nathalie',0,0,'2026-11-26T10:59:22.706922+00:00','2026-11-26T10:59:22.706922+00:00');
INSERT INTO "items" VALUES('14435ea4e0ed4a15b0b2d3e775bbebbf',1,7,'tool','Survey | metrics',NULL,0,0,'2026-11-26T10:59:22.711583+00:00','2026-11-26T10:59:22.711583+00:00');
CREATE TABLE participants (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id, name), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "participants" VALUES(1,1,'Asaf',0);
INSERT INTO "participants" VALUES(2,1,'Nathalie',1);
CREATE TABLE sessions (
	id INTEGER NOT NULL, 
	title VARCHAR NOT NULL, 
	event VARCHAR NOT NULL, 
	place VARCHAR NOT NULL, 
	date VARCHAR NOT NULL, 
	facilitator VARCHAR NOT NULL, 
	template_id VARCHAR NOT NULL, 
	step_count INTEGER NOT NULL, 
	current_step INTEGER NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "sessions" VALUES(1,'Wikimania 2015 follow-up','Wikimania 2015','','2015-07-19','Anne-Laure Prévost','8-steps-partnership',8,1,'2026-11-26T10:59:22.670089+00:00','2026-11-26T10:59:22.711583+00:00');
CREATE TABLE store_meta (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "store_meta" VALUES('app','workshop-tui');
INSERT INTO "store_meta" VALUES('schema_version','1');
CREATE INDEX ix_items_place ON items (session_id, step, "column", position);
COMMIT;
