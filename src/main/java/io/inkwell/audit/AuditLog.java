package io.inkwell.audit;

import java.util.UUID;

import io.inkwell.db.Ids;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The audit trail of destructive admin actions ({@code audit_log}: who, what, which row,
 * when). Features call {@link #record} inside the transaction of the action, so the entry
 * is written if and only if the action is.
 */
@Service
public class AuditLog {

	/** A user and everything they wrote were deleted for good. */
	public static final String USER_HARD_DELETE = "user.hard-delete";

	/** A post (with its comments and category links) was deleted for good. */
	public static final String POST_HARD_DELETE = "post.hard-delete";

	/** A category was deleted (categories have no soft delete). */
	public static final String CATEGORY_DELETE = "category.delete";

	private final AuditRepository entries;

	AuditLog(AuditRepository entries) {
		this.entries = entries;
	}

	/** Writes one entry; joins the caller's transaction. */
	public Mono<Void> record(UUID actorId, String action, UUID targetId) {
		return this.entries.insert(Ids.next(), actorId, action, targetId).then();
	}

}
