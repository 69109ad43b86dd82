package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.Members;
import io.waddleperf.api.identity.internal.Members.Invitation;
import io.waddleperf.api.identity.internal.Members.Member;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/members")
@RequiresRole(Role.ADMIN)
@Tag(name = "Members")
class MemberController {

    private final Members members;

    MemberController(Members members) {
        this.members = members;
    }

    record InviteRequest(
            @NotBlank @Email @Size(max = 320) String email,
            @NotNull Role role,
            @Nullable @Size(max = 200) String displayName) {}

    record RoleChange(@NotNull Role role) {}

    @Operation(summary = "Members and their roles")
    @GetMapping
    List<Member> list(@PathVariable UUID orgId) {
        return members.list();
    }

    @Operation(summary = "Invite by e-mail with a role; a new account's initial password is returned once")
    @PostMapping
    ResponseEntity<Invitation> invite(@PathVariable UUID orgId, @Valid @RequestBody InviteRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(members.invite(CurrentPrincipal.get(), request.email(), request.displayName(), request.role()));
    }

    @Operation(summary = "Change a member's role (the last ADMIN cannot be demoted)")
    @PutMapping("/{userId}")
    Member changeRole(@PathVariable UUID orgId, @PathVariable UUID userId, @Valid @RequestBody RoleChange request) {
        return members.changeRole(CurrentPrincipal.get(), userId, request.role());
    }

    @Operation(summary = "Remove a member (the last ADMIN cannot be removed)")
    @DeleteMapping("/{userId}")
    ResponseEntity<Void> remove(@PathVariable UUID orgId, @PathVariable UUID userId) {
        members.remove(CurrentPrincipal.get(), userId);
        return ResponseEntity.noContent().build();
    }
}
