-- A schema-2 store as workshop-tui fdcf959 wrote it (sqlite3 .dump): a session with items,
-- a cluster, votes, a follow-up, a step's phase and timer, a presence row. Migration tests load it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE store_meta (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO store_meta VALUES('app','workshop-tui');
INSERT INTO store_meta VALUES('schema_version','2');
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
	votes_per_participant INTEGER NOT NULL, 
	participants_follow BOOLEAN NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO sessions VALUES(1,'Wikimania 2015 follow-up','Wikimania 2015','','2015-07-19','Anne-Laure Prévost','8-steps-partnership',8,5,4,1,'2026-12-03T12:00:55.967852+00:00','2026-12-03T12:00:56.108725+00:00');
CREATE TABLE participants (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id, name), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO participants VALUES(1,1,'Asaf',0);
INSERT INTO participants VALUES(2,1,'Nathalie',1);
CREATE TABLE items (
	id VARCHAR(32) NOT NULL, 
	session_id INTEGER NOT NULL, 
	step INTEGER NOT NULL, 
	"column" VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	author VARCHAR, 
	position INTEGER NOT NULL, 
	votes INTEGER NOT NULL, 
	cluster_id VARCHAR, 
	followup BOOLEAN NOT NULL, 
	owner VARCHAR, 
	due VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO items VALUES('b09bd7488d0745b68266d671922ec99f',1,1,'action','Identify WHY you need a partner','Asaf',0,2,'14722ecdb53347d6b1b341488e31e124',0,NULL,'','2026-12-03T12:00:56.018761+00:00','2026-12-03T12:00:56.054939+00:00');
INSERT INTO items VALUES('5ceba7311ea24ec6930b9c9e38fe6f7b',1,1,'action','List what each side brings','Nathalie',1,0,'14722ecdb53347d6b1b341488e31e124',0,NULL,'','2026-12-03T12:00:56.032840+00:00','2026-12-03T12:00:56.054939+00:00');
INSERT INTO items VALUES('e6856ad372054b05b1bb2c89daa76817',1,1,'obstacle','No time [bold]','Nathalie',0,1,NULL,0,NULL,'','2026-12-03T12:00:56.038688+00:00','2026-12-03T12:00:56.038688+00:00');
INSERT INTO items VALUES('641f9d5d67b14af4a2228b433caffdd8',1,5,'action','Sign the agreement','Asaf',0,0,NULL,1,'Asaf','2015-08-01','2026-12-03T12:00:56.049273+00:00','2026-12-03T12:00:56.104914+00:00');
INSERT INTO items VALUES('88ec070ed7c74b3ba2cd1c190a9743f7',1,7,'tool','Survey | metrics',NULL,0,0,NULL,0,NULL,'','2026-12-03T12:00:56.052449+00:00','2026-12-03T12:00:56.052449+00:00');
CREATE TABLE step_states (
	session_id INTEGER NOT NULL, 
	step INTEGER NOT NULL, 
	phase VARCHAR NOT NULL, 
	planned_seconds INTEGER, 
	extra_seconds INTEGER NOT NULL, 
	spent_seconds FLOAT NOT NULL, 
	running_since VARCHAR, 
	PRIMARY KEY (session_id, step), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO step_states VALUES(1,1,'discuss',NULL,0,1020.0,NULL);
CREATE TABLE presence (
	client_id VARCHAR(32) NOT NULL, 
	session_id INTEGER NOT NULL, 
	role VARCHAR NOT NULL, 
	participant VARCHAR, 
	last_seen VARCHAR NOT NULL, 
	PRIMARY KEY (client_id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO presence VALUES('c0ffee',1,'participant','Asaf','2015-07-19T10:00:00+00:00');
CREATE TABLE votes (
	id VARCHAR(32) NOT NULL, 
	session_id INTEGER NOT NULL, 
	item_id VARCHAR(32) NOT NULL, 
	step INTEGER NOT NULL, 
	participant VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE, 
	FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
);
INSERT INTO votes VALUES('afffb4283dcf44ca87f7b088fd8a3a40',1,'b09bd7488d0745b68266d671922ec99f',1,'Asaf','2026-12-03T12:00:56.063524+00:00');
INSERT INTO votes VALUES('17177c918ada499aaa9ef9be0e32bf43',1,'b09bd7488d0745b68266d671922ec99f',1,'Nathalie','2026-12-03T12:00:56.073267+00:00');
INSERT INTO votes VALUES('f5948eca9c784919b38525f4850f42d5',1,'e6856ad372054b05b1bb2c89daa76817',1,'Asaf','2026-12-03T12:00:56.081451+00:00');
CREATE INDEX ix_items_place ON items (session_id, step, "column", position);
CREATE INDEX ix_presence_session_id ON presence (session_id);
CREATE INDEX ix_votes_item_id ON votes (item_id);
CREATE INDEX ix_votes_voter ON votes (session_id, step, participant);
COMMIT;
