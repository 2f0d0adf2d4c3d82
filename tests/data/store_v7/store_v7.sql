-- A schema-7 store as workshop-tui d7b5627 wrote it (sqlite3 .dump, by make.py): a SWOT session in
-- French whose step 1 voted with the template's 5 dots (set session-wide), and an 8-steps session.
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
INSERT INTO "item_history" VALUES(1,1,'2026-12-03T21:02:16.088877+00:00',NULL,'added','d96bf31b70ea4814bb43b22206f6679b','{"id":"d96bf31b70ea4814bb43b22206f6679b","step":1,"column":"strength","text":"A loyal community","author":"Bo","position":0,"votes":0,"created_at":"2026-12-03T21:02:16.088877+00:00","updated_at":"2026-12-03T21:02:16.088877+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(2,1,'2026-12-03T21:02:16.099749+00:00',NULL,'added','c2ddf6be15bb4f3980a804119eea94e2','{"id":"c2ddf6be15bb4f3980a804119eea94e2","step":1,"column":"threat","text":"Less funding","author":"Cy","position":0,"votes":0,"created_at":"2026-12-03T21:02:16.099749+00:00","updated_at":"2026-12-03T21:02:16.099749+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(3,1,'2026-12-03T21:02:16.108078+00:00',NULL,'added','45149dad4bc344a9bc0123bbebe02f50','{"id":"45149dad4bc344a9bc0123bbebe02f50","step":2,"column":"weakness","text":"Few volunteers","author":"Bo","position":0,"votes":0,"created_at":"2026-12-03T21:02:16.108078+00:00","updated_at":"2026-12-03T21:02:16.108078+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(4,1,'2026-12-03T21:02:16.122138+00:00','Bo','voted','d96bf31b70ea4814bb43b22206f6679b','{"id":"d96bf31b70ea4814bb43b22206f6679b","step":1,"column":"strength","text":"A loyal community","author":"Bo","position":0,"votes":1,"created_at":"2026-12-03T21:02:16.088877+00:00","updated_at":"2026-12-03T21:02:16.088877+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "49879d837712456fb314b27abb3afcc1", "participant": "Bo"}');
INSERT INTO "item_history" VALUES(5,1,'2026-12-03T21:02:16.128434+00:00','Bo','voted','d96bf31b70ea4814bb43b22206f6679b','{"id":"d96bf31b70ea4814bb43b22206f6679b","step":1,"column":"strength","text":"A loyal community","author":"Bo","position":0,"votes":2,"created_at":"2026-12-03T21:02:16.088877+00:00","updated_at":"2026-12-03T21:02:16.088877+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "693f509c22be421492f1259797981bb2", "participant": "Bo"}');
INSERT INTO "item_history" VALUES(6,1,'2026-12-03T21:02:16.132295+00:00','Bo','voted','d96bf31b70ea4814bb43b22206f6679b','{"id":"d96bf31b70ea4814bb43b22206f6679b","step":1,"column":"strength","text":"A loyal community","author":"Bo","position":0,"votes":3,"created_at":"2026-12-03T21:02:16.088877+00:00","updated_at":"2026-12-03T21:02:16.088877+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "c91955576c524b379952633af1e9487f", "participant": "Bo"}');
INSERT INTO "item_history" VALUES(7,1,'2026-12-03T21:02:16.136223+00:00','Bo','voted','d96bf31b70ea4814bb43b22206f6679b','{"id":"d96bf31b70ea4814bb43b22206f6679b","step":1,"column":"strength","text":"A loyal community","author":"Bo","position":0,"votes":4,"created_at":"2026-12-03T21:02:16.088877+00:00","updated_at":"2026-12-03T21:02:16.088877+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "d3f6a46be115416b8f42739317201b46", "participant": "Bo"}');
INSERT INTO "item_history" VALUES(8,1,'2026-12-03T21:02:16.140482+00:00','Cy','voted','c2ddf6be15bb4f3980a804119eea94e2','{"id":"c2ddf6be15bb4f3980a804119eea94e2","step":1,"column":"threat","text":"Less funding","author":"Cy","position":0,"votes":1,"created_at":"2026-12-03T21:02:16.099749+00:00","updated_at":"2026-12-03T21:02:16.099749+00:00","session_id":1,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "91d59a49e6e94e55bb241ca63af91960", "participant": "Cy"}');
INSERT INTO "item_history" VALUES(9,2,'2026-12-03T21:02:16.160397+00:00',NULL,'added','6c584399df6d404aa641c1ecc8c5352e','{"id":"6c584399df6d404aa641c1ecc8c5352e","step":3,"column":"obstacle","text":"Different timelines","author":"Bo","position":0,"votes":0,"created_at":"2026-12-03T21:02:16.160397+00:00","updated_at":"2026-12-03T21:02:16.160397+00:00","session_id":2,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}',NULL);
INSERT INTO "item_history" VALUES(10,2,'2026-12-03T21:02:16.168401+00:00','Bo','voted','6c584399df6d404aa641c1ecc8c5352e','{"id":"6c584399df6d404aa641c1ecc8c5352e","step":3,"column":"obstacle","text":"Different timelines","author":"Bo","position":0,"votes":1,"created_at":"2026-12-03T21:02:16.160397+00:00","updated_at":"2026-12-03T21:02:16.160397+00:00","session_id":2,"cluster_id":null,"followup":false,"owner":null,"due":"","hidden":false,"followup_status":"open","from_last_time":false}','{"vote": "5d975c70e3dc438a9c1b97bfc0c1bf63", "participant": "Bo"}');
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
INSERT INTO "items" VALUES('d96bf31b70ea4814bb43b22206f6679b',1,1,'strength','A loyal community','Bo',0,4,NULL,0,NULL,'',0,'open',0,'2026-12-03T21:02:16.088877+00:00','2026-12-03T21:02:16.088877+00:00');
INSERT INTO "items" VALUES('c2ddf6be15bb4f3980a804119eea94e2',1,1,'threat','Less funding','Cy',0,1,NULL,0,NULL,'',0,'open',0,'2026-12-03T21:02:16.099749+00:00','2026-12-03T21:02:16.099749+00:00');
INSERT INTO "items" VALUES('45149dad4bc344a9bc0123bbebe02f50',1,2,'weakness','Few volunteers','Bo',0,0,NULL,0,NULL,'',0,'open',0,'2026-12-03T21:02:16.108078+00:00','2026-12-03T21:02:16.108078+00:00');
INSERT INTO "items" VALUES('6c584399df6d404aa641c1ecc8c5352e',2,3,'obstacle','Different timelines','Bo',0,1,NULL,0,NULL,'',0,'open',0,'2026-12-03T21:02:16.160397+00:00','2026-12-03T21:02:16.160397+00:00');
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
INSERT INTO "participants" VALUES(1,1,'Bo',0);
INSERT INTO "participants" VALUES(2,1,'Cy',1);
INSERT INTO "participants" VALUES(3,2,'Bo',0);
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
	language VARCHAR NOT NULL, 
	column_keys VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "sessions" VALUES(1,'Strategy 2027','','','','Ana','swot',5,1,5,1,'','','fr','strength,weakness,opportunity,threat','2026-12-03T21:02:16.061349+00:00','2026-12-03T21:02:16.151703+00:00');
INSERT INTO "sessions" VALUES(2,'Partnerships','','','','Ana','8-steps-partnership',8,1,3,1,'','','en','action,obstacle,tool','2026-12-03T21:02:16.154249+00:00','2026-12-03T21:02:16.172505+00:00');
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
INSERT INTO "step_states" VALUES(1,1,'discuss',NULL,0,545.0,NULL,0);
INSERT INTO "step_states" VALUES(2,3,'vote',NULL,0,0.0,NULL,0);
INSERT INTO "step_states" VALUES(2,2,'brainstorm',1200,0,0.0,NULL,0);
CREATE TABLE store_meta (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "store_meta" VALUES('app','workshop-tui');
INSERT INTO "store_meta" VALUES('schema_version','7');
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
INSERT INTO "votes" VALUES('49879d837712456fb314b27abb3afcc1',1,'d96bf31b70ea4814bb43b22206f6679b',1,'Bo','2026-12-03T21:02:16.122138+00:00');
INSERT INTO "votes" VALUES('693f509c22be421492f1259797981bb2',1,'d96bf31b70ea4814bb43b22206f6679b',1,'Bo','2026-12-03T21:02:16.128434+00:00');
INSERT INTO "votes" VALUES('c91955576c524b379952633af1e9487f',1,'d96bf31b70ea4814bb43b22206f6679b',1,'Bo','2026-12-03T21:02:16.132295+00:00');
INSERT INTO "votes" VALUES('d3f6a46be115416b8f42739317201b46',1,'d96bf31b70ea4814bb43b22206f6679b',1,'Bo','2026-12-03T21:02:16.136223+00:00');
INSERT INTO "votes" VALUES('91d59a49e6e94e55bb241ca63af91960',1,'c2ddf6be15bb4f3980a804119eea94e2',1,'Cy','2026-12-03T21:02:16.140482+00:00');
INSERT INTO "votes" VALUES('5d975c70e3dc438a9c1b97bfc0c1bf63',2,'6c584399df6d404aa641c1ecc8c5352e',3,'Bo','2026-12-03T21:02:16.168401+00:00');
CREATE TABLE wiki_targets (
	session_id INTEGER NOT NULL, 
	api_url VARCHAR NOT NULL, 
	page VARCHAR NOT NULL, 
	user VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (session_id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE INDEX ix_items_place ON items (session_id, step, "column", position);
CREATE INDEX ix_presence_session_id ON presence (session_id);
CREATE INDEX ix_item_history_session ON item_history (session_id, at);
CREATE INDEX ix_item_history_item_id ON item_history (item_id);
CREATE INDEX ix_votes_voter ON votes (session_id, step, participant);
CREATE INDEX ix_votes_item_id ON votes (item_id);
COMMIT;
