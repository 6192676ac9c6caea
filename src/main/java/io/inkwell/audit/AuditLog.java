package io.inkwell.audit;

import java.util.List;
import java.util.UUID;

import io.inkwell.db.Ids;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The audit trail of destructive and privileged actions ({@code audit_log}: who, what,
 * which row, when). Features call {@link #record} inside the transaction of the action,
 * so the entry is written if and only if the action is.
 */
@Service
public class AuditLog {

	/** A user and everything they wrote were deleted for good. */
	public static final String USER_HARD_DELETE = "user.hard-delete";

	/** A post (with its comments and category links) was deleted for good. */
	public static final String POST_HARD_DELETE = "post.hard-delete";

	/** A category was deleted (categories have no soft delete). */
	public static final String CATEGORY_DELETE = "category.delete";

	/** A user's role was set by an ADMIN. */
	public static final String USER_ROLE_CHANGE = "user.role-change";

	/** A user was soft-deleted (by themself or an ADMIN). */
	public static final String USER_SOFT_DELETE = "user.soft-delete";

	/** A soft-deleted user was restored. */
	public static final String USER_RESTORE = "user.restore";

	/** Every token of a user issued so far was revoked (logout-all, or by an ADMIN). */
	public static final String TOKENS_REVOKE = "user.revoke-tokens";

	/** A post was soft-deleted by the ADMIN's bulk delete (one entry per post). */
	public static final String POST_BULK_DELETE = "post.bulk-delete";

	/** An ADMIN moved another user's credits (the target is the transfer). */
	public static final String TRANSFER_BY_ADMIN = "transfer.by-admin";

	private final AuditRepository entries;

	AuditLog(AuditRepository entries) {
		this.entries = entries;
	}

	/** Writes one entry; joins the caller's transaction. */
	public Mono<Void> record(UUID actorId, String action, UUID targetId) {
		return this.entries.insert(Ids.next(), actorId, action, targetId).then();
	}

	/** Writes one entry per target in one statement; joins the caller's transaction. */
	public Mono<Void> recordAll(UUID actorId, String action, List<UUID> targetIds) {
		if (targetIds.isEmpty()) {
			return Mono.empty();
		}
		List<UUID> ids = targetIds.stream().map((target) -> Ids.next()).toList();
		return this.entries.insertAll(ids, actorId, action, targetIds).then();
	}

}
