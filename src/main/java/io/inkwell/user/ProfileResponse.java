package io.inkwell.user;

import java.time.Instant;
import java.util.UUID;

record ProfileResponse(UUID userId, String bio, String avatar, int postCount, Instant createdAt, Instant updatedAt) {

	static ProfileResponse of(Profile profile) {
		return new ProfileResponse(profile.userId(), profile.bio(), profile.avatar(), profile.postCount(),
				profile.createdAt(), profile.updatedAt());
	}

}
