-- media sweep: which of a page of uploads are avatars in use (MediaReferences). A conversation's row is updated at
-- every message, but an update that leaves avatar_id as it was does not touch this index.
CREATE INDEX profiles_avatar ON profiles (avatar_id);
CREATE INDEX conversations_avatar ON conversations (avatar_id);
