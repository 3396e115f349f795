-- One build_info key/value row, replacing any earlier value of the key (parameters: key, value).
INSERT OR REPLACE INTO build_info VALUES (?, ?);
