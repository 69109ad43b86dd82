package io.waddleperf.api.identity.internal;

import io.waddleperf.api.licensing.UsageSource;
import io.waddleperf.api.shared.tenant.TenantContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Users of the whole installation, for the license's {@code max_users} and keepalive. */
@Component
class UserCount implements UsageSource {

    private final UserRepository users;
    private final TransactionTemplate transactions;

    UserCount(UserRepository users, TransactionTemplate transactions) {
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public Kind kind() {
        return Kind.USERS;
    }

    @Override
    public long count() {
        return TenantContext.asPlatform(() -> transactions.execute(status -> users.count()));
    }
}
