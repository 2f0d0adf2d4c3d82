-- A schema-5 store as workshop-tui b32f193 wrote it (sqlite3 .dump, by make.py): two sessions
-- (the second continues the first) with clusters, votes, follow-ups, timers, a private item.
BEGIN TRANSACTION;
CREATE TABLE item_history (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	at VARCHAR NOT NULL, 
	who VARCHAR, 
	kind VARCHAR NOT NULL, 
	item_id VARCHAR(32) NOT NULL, 
	state VARCHAR NOT NULL, 
	detail VARCHAR, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "item_history" VALUES(1,1,'2026-12-03T17:53:32.267707+00:00',NULL,'added','38a3a5b350604fed9a984a454203699b','{"id":"38a3a5b350604fed9a984a454203699b","step":1,"column":"action","text":"List WHY we need a partner","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.267707+00:00","updated_at":"2026-12-03T17:53:32.267707+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(2,1,'2026-12-03T17:53:32.286663+00:00',NULL,'added','dc8d2c86ef23401eb5700c8f8209bbcf','{"id":"dc8d2c86ef23401eb5700c8f8209bbcf","step":1,"column":"action","text":"Map the partners we know","author":"Nathalie Martin","position":1,"votes":0,"created_at":"2026-12-03T17:53:32.286663+00:00","updated_at":"2026-12-03T17:53:32.286663+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(3,1,'2026-12-03T17:53:32.294483+00:00',NULL,'added','34888db9956f42378e68cf88d86e4381','{"id":"34888db9956f42378e68cf88d86e4381","step":1,"column":"obstacle","text":"[bold]No time[/bold] | {{template}}","author":null,"position":0,"votes":0,"created_at":"2026-12-03T17:53:32.294483+00:00","updated_at":"2026-12-03T17:53:32.294483+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(4,1,'2026-12-03T17:53:32.302617+00:00',NULL,'added','42ce0d24b5934a55bbc2aaf699901e6a','{"id":"42ce0d24b5934a55bbc2aaf699901e6a","step":1,"column":"tool","text":"=HYPERLINK(\"x\") a spreadsheet","author":null,"position":0,"votes":0,"created_at":"2026-12-03T17:53:32.302617+00:00","updated_at":"2026-12-03T17:53:32.302617+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(5,1,'2026-12-03T17:53:32.310588+00:00',NULL,'added','4a07562a9af94755b8a1e52a64093754','{"id":"4a07562a9af94755b8a1e52a64093754","step":3,"column":"obstacle","text":"Different timelines\nand budgets","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.310588+00:00","updated_at":"2026-12-03T17:53:32.310588+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(6,1,'2026-12-03T17:53:32.317249+00:00',NULL,'added','3f17be9805fa4eac908d1f24e0e4e8bc','{"id":"3f17be9805fa4eac908d1f24e0e4e8bc","step":5,"column":"action","text":"Sign a letter of intent","author":"Nathalie Martin","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.317249+00:00","updated_at":"2026-12-03T17:53:32.317249+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(7,1,'2026-12-03T17:53:32.330912+00:00',NULL,'added','b2d72d03f0ea449fbd46b1b4e2f494ac','{"id":"b2d72d03f0ea449fbd46b1b4e2f494ac","step":8,"column":"tool","text":"Blog post template 🎉","author":null,"position":0,"votes":0,"created_at":"2026-12-03T17:53:32.330912+00:00","updated_at":"2026-12-03T17:53:32.330912+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(8,1,'2026-12-03T17:53:32.342855+00:00',NULL,'clustered','38a3a5b350604fed9a984a454203699b','{"id":"38a3a5b350604fed9a984a454203699b","step":1,"column":"action","text":"List WHY we need a partner","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.267707+00:00","updated_at":"2026-12-03T17:53:32.342855+00:00","session_id":1,"cluster_id":"935100aadc9247cf8287d57ab4dfbdaf","followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"cluster": "935100aadc9247cf8287d57ab4dfbdaf"}');
INSERT INTO "item_history" VALUES(9,1,'2026-12-03T17:53:32.342855+00:00',NULL,'clustered','dc8d2c86ef23401eb5700c8f8209bbcf','{"id":"dc8d2c86ef23401eb5700c8f8209bbcf","step":1,"column":"action","text":"Map the partners we know","author":"Nathalie Martin","position":1,"votes":0,"created_at":"2026-12-03T17:53:32.286663+00:00","updated_at":"2026-12-03T17:53:32.342855+00:00","session_id":1,"cluster_id":"935100aadc9247cf8287d57ab4dfbdaf","followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"cluster": "935100aadc9247cf8287d57ab4dfbdaf"}');
INSERT INTO "item_history" VALUES(10,1,'2026-12-03T17:53:32.360399+00:00','Asaf Bartov','voted','38a3a5b350604fed9a984a454203699b','{"id":"38a3a5b350604fed9a984a454203699b","step":1,"column":"action","text":"List WHY we need a partner","author":"Asaf Bartov","position":0,"votes":1,"created_at":"2026-12-03T17:53:32.267707+00:00","updated_at":"2026-12-03T17:53:32.342855+00:00","session_id":1,"cluster_id":"935100aadc9247cf8287d57ab4dfbdaf","followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "9b80e209e2d1446cb546826192f0d116", "participant": "Asaf Bartov"}');
INSERT INTO "item_history" VALUES(11,1,'2026-12-03T17:53:32.367170+00:00','Nathalie Martin','voted','34888db9956f42378e68cf88d86e4381','{"id":"34888db9956f42378e68cf88d86e4381","step":1,"column":"obstacle","text":"[bold]No time[/bold] | {{template}}","author":null,"position":0,"votes":1,"created_at":"2026-12-03T17:53:32.294483+00:00","updated_at":"2026-12-03T17:53:32.294483+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "a96e6f49b68b4997999a4616a90a0cef", "participant": "Nathalie Martin"}');
INSERT INTO "item_history" VALUES(12,1,'2026-12-03T17:53:32.371848+00:00','Asaf Bartov','voted','34888db9956f42378e68cf88d86e4381','{"id":"34888db9956f42378e68cf88d86e4381","step":1,"column":"obstacle","text":"[bold]No time[/bold] | {{template}}","author":null,"position":0,"votes":2,"created_at":"2026-12-03T17:53:32.294483+00:00","updated_at":"2026-12-03T17:53:32.294483+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "5c84f283d86c451bb13ffb7280db7f48", "participant": "Asaf Bartov"}');
INSERT INTO "item_history" VALUES(13,1,'2026-12-03T17:53:32.380029+00:00',NULL,'followup','3f17be9805fa4eac908d1f24e0e4e8bc','{"id":"3f17be9805fa4eac908d1f24e0e4e8bc","step":5,"column":"action","text":"Sign a letter of intent","author":"Nathalie Martin","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.317249+00:00","updated_at":"2026-12-03T17:53:32.380029+00:00","session_id":1,"cluster_id":null,"followup":true,"owner":"Nathalie Martin","due":"2015-06-01","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(14,1,'2026-12-03T17:53:32.383786+00:00',NULL,'followup','4a07562a9af94755b8a1e52a64093754','{"id":"4a07562a9af94755b8a1e52a64093754","step":3,"column":"obstacle","text":"Different timelines\nand budgets","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.310588+00:00","updated_at":"2026-12-03T17:53:32.383786+00:00","session_id":1,"cluster_id":null,"followup":true,"owner":"Asaf Bartov","due":"2015-07-01","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(15,1,'2026-12-03T17:53:32.388142+00:00',NULL,'status','4a07562a9af94755b8a1e52a64093754','{"id":"4a07562a9af94755b8a1e52a64093754","step":3,"column":"obstacle","text":"Different timelines\nand budgets","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.310588+00:00","updated_at":"2026-12-03T17:53:32.388142+00:00","session_id":1,"cluster_id":null,"followup":true,"owner":"Asaf Bartov","due":"2015-07-01","hidden":false,"followup_status":"done","from_last_time":false}','{"status": "done", "was": "open"}');
INSERT INTO "item_history" VALUES(16,2,'2026-12-03T17:53:32.410903+00:00',NULL,'added','fb846f5d93c540ca81109c4bd1923dd6','{"id":"fb846f5d93c540ca81109c4bd1923dd6","step":5,"column":"action","text":"Sign a letter of intent","author":"Nathalie Martin","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.410903+00:00","updated_at":"2026-12-03T17:53:32.410903+00:00","session_id":2,"cluster_id":null,"followup":true,"owner":"Nathalie Martin","due":"2015-06-01","hidden":false,"followup_status":"open","from_last_time":true}','{"carried_from": "3f17be9805fa4eac908d1f24e0e4e8bc", "session": 1}');
INSERT INTO "item_history" VALUES(17,1,'2026-12-03T17:53:32.410903+00:00',NULL,'status','3f17be9805fa4eac908d1f24e0e4e8bc','{"id":"3f17be9805fa4eac908d1f24e0e4e8bc","step":5,"column":"action","text":"Sign a letter of intent","author":"Nathalie Martin","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.317249+00:00","updated_at":"2026-12-03T17:53:32.410903+00:00","session_id":1,"cluster_id":null,"followup":true,"owner":"Nathalie Martin","due":"2015-06-01","hidden":false,"followup_status":"carried","from_last_time":false}','{"status": "carried", "was": "open", "to": 2}');
INSERT INTO "item_history" VALUES(18,2,'2026-12-03T17:53:32.421960+00:00',NULL,'added','eb93b57d34934ba6a2fbd1b5be22c29b','{"id":"eb93b57d34934ba6a2fbd1b5be22c29b","step":2,"column":"tool","text":"A shared calendar","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.421960+00:00","updated_at":"2026-12-03T17:53:32.421960+00:00","session_id":2,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(19,2,'2026-12-03T17:53:32.428501+00:00',NULL,'added','5020b375a4f744adb8e1eac5caf5bc07','{"id":"5020b375a4f744adb8e1eac5caf5bc07","step":4,"column":"action","text":"A private thought","author":"Asaf Bartov","position":0,"votes":0,"created_at":"2026-12-03T17:53:32.428501+00:00","updated_at":"2026-12-03T17:53:32.428501+00:00","session_id":2,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":true,"followup_status":"open","from_last_time":false}',NULL);
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
	hidden BOOLEAN NOT NULL, 
	followup_status VARCHAR NOT NULL, 
	from_last_time BOOLEAN NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "items" VALUES('38a3a5b350604fed9a984a454203699b',1,1,'action','List WHY we need a partner','Asaf Bartov',0,1,'935100aadc9247cf8287d57ab4dfbdaf',0,NULL,'',0,'open',0,'2026-12-03T17:53:32.267707+00:00','2026-12-03T17:53:32.342855+00:00');
INSERT INTO "items" VALUES('dc8d2c86ef23401eb5700c8f8209bbcf',1,1,'action','Map the partners we know','Nathalie Martin',1,0,'935100aadc9247cf8287d57ab4dfbdaf',0,NULL,'',0,'open',0,'2026-12-03T17:53:32.286663+00:00','2026-12-03T17:53:32.342855+00:00');
INSERT INTO "items" VALUES('34888db9956f42378e68cf88d86e4381',1,1,'obstacle','[bold]No time[/bold] | {{template}}',NULL,0,2,NULL,0,NULL,'',0,'open',0,'2026-12-03T17:53:32.294483+00:00','2026-12-03T17:53:32.294483+00:00');
INSERT INTO "items" VALUES('42ce0d24b5934a55bbc2aaf699901e6a',1,1,'tool','=HYPERLINK("x") a spreadsheet',NULL,0,0,NULL,0,NULL,'',0,'open',0,'2026-12-03T17:53:32.302617+00:00','2026-12-03T17:53:32.302617+00:00');
INSERT INTO "items" VALUES('4a07562a9af94755b8a1e52a64093754',1,3,'obstacle','Different timelines
and budgets','Asaf Bartov',0,0,NULL,1,'Asaf Bartov','2015-07-01',0,'done',0,'2026-12-03T17:53:32.310588+00:00','2026-12-03T17:53:32.388142+00:00');
INSERT INTO "items" VALUES('3f17be9805fa4eac908d1f24e0e4e8bc',1,5,'action','Sign a letter of intent','Nathalie Martin',0,0,NULL,1,'Nathalie Martin','2015-06-01',0,'carried',0,'2026-12-03T17:53:32.317249+00:00','2026-12-03T17:53:32.410903+00:00');
INSERT INTO "items" VALUES('b2d72d03f0ea449fbd46b1b4e2f494ac',1,8,'tool','Blog post template 🎉',NULL,0,0,NULL,0,NULL,'',0,'open',0,'2026-12-03T17:53:32.330912+00:00','2026-12-03T17:53:32.330912+00:00');
INSERT INTO "items" VALUES('fb846f5d93c540ca81109c4bd1923dd6',2,5,'action','Sign a letter of intent','Nathalie Martin',0,0,NULL,1,'Nathalie Martin','2015-06-01',0,'open',1,'2026-12-03T17:53:32.410903+00:00','2026-12-03T17:53:32.410903+00:00');
INSERT INTO "items" VALUES('eb93b57d34934ba6a2fbd1b5be22c29b',2,2,'tool','A shared calendar','Asaf Bartov',0,0,NULL,0,NULL,'',0,'open',0,'2026-12-03T17:53:32.421960+00:00','2026-12-03T17:53:32.421960+00:00');
INSERT INTO "items" VALUES('5020b375a4f744adb8e1eac5caf5bc07',2,4,'action','A private thought','Asaf Bartov',0,0,NULL,0,NULL,'',1,'open',0,'2026-12-03T17:53:32.428501+00:00','2026-12-03T17:53:32.428501+00:00');
CREATE TABLE name_claims (
	session_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	token_hash VARCHAR NOT NULL, 
	claimed_at VARCHAR NOT NULL, 
	PRIMARY KEY (session_id, name), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE TABLE participants (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id, name), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "participants" VALUES(1,1,'Asaf Bartov',0);
INSERT INTO "participants" VALUES(2,1,'Nathalie Martin',1);
INSERT INTO "participants" VALUES(3,2,'Asaf Bartov',0);
INSERT INTO "participants" VALUES(4,2,'Nathalie Martin',1);
CREATE TABLE presence (
	client_id VARCHAR(32) NOT NULL, 
	session_id INTEGER NOT NULL, 
	role VARCHAR NOT NULL, 
	participant VARCHAR, 
	last_seen VARCHAR NOT NULL, 
	PRIMARY KEY (client_id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
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
	speaker VARCHAR NOT NULL, 
	current_column VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "sessions" VALUES(1,'Berlin 2015','WMCON','Berlin','2015-05-15','Anne-Laure Prévost','8-steps-partnership',8,3,3,1,'Asaf Bartov','obstacle','2026-12-03T17:53:32.218367+00:00','2026-12-03T17:53:32.410903+00:00');
INSERT INTO "sessions" VALUES(2,'Mexico 2015','','','2015-07-19','Anne-Laure Prévost','8-steps-partnership',8,1,3,1,'','','2026-12-03T17:53:32.410903+00:00','2026-12-03T17:53:32.428501+00:00');
CREATE TABLE step_states (
	session_id INTEGER NOT NULL, 
	step INTEGER NOT NULL, 
	phase VARCHAR NOT NULL, 
	planned_seconds INTEGER, 
	extra_seconds INTEGER NOT NULL, 
	spent_seconds FLOAT NOT NULL, 
	running_since VARCHAR, 
	anonymous BOOLEAN NOT NULL, 
	PRIMARY KEY (session_id, step), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "step_states" VALUES(1,1,'discuss',NULL,300,1060.0,NULL,0);
INSERT INTO "step_states" VALUES(1,3,'brainstorm',1200,0,0.0,NULL,0);
INSERT INTO "step_states" VALUES(2,4,'private',NULL,0,0.0,NULL,0);
CREATE TABLE store_meta (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "store_meta" VALUES('app','workshop-tui');
INSERT INTO "store_meta" VALUES('schema_version','5');
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
INSERT INTO "votes" VALUES('9b80e209e2d1446cb546826192f0d116',1,'38a3a5b350604fed9a984a454203699b',1,'Asaf Bartov','2026-12-03T17:53:32.360399+00:00');
INSERT INTO "votes" VALUES('a96e6f49b68b4997999a4616a90a0cef',1,'34888db9956f42378e68cf88d86e4381',1,'Nathalie Martin','2026-12-03T17:53:32.367170+00:00');
INSERT INTO "votes" VALUES('5c84f283d86c451bb13ffb7280db7f48',1,'34888db9956f42378e68cf88d86e4381',1,'Asaf Bartov','2026-12-03T17:53:32.371848+00:00');
CREATE TABLE wiki_targets (
	session_id INTEGER NOT NULL, 
	api_url VARCHAR NOT NULL, 
	page VARCHAR NOT NULL, 
	user VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (session_id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
INSERT INTO "wiki_targets" VALUES(1,'https://meta.wikimedia.org/w/api.php','Partnerships/Berlin','Me@bot','2026-12-03T17:53:32.408007+00:00');
CREATE INDEX ix_items_place ON items (session_id, step, "column", position);
CREATE INDEX ix_presence_session_id ON presence (session_id);
CREATE INDEX ix_item_history_item_id ON item_history (item_id);
CREATE INDEX ix_item_history_session ON item_history (session_id, at);
CREATE INDEX ix_votes_voter ON votes (session_id, step, participant);
CREATE INDEX ix_votes_item_id ON votes (item_id);
COMMIT;
