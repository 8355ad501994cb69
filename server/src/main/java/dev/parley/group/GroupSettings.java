package dev.parley.group;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the group feature.
 *
 * @param maxMembers the most members a group has, its owner included
 * @param inviteTtl how long an invite link works when its creator does not say
 * @param maxInviteTtl the longest an invite link may work
 */
@ConfigurationProperties("parley.group")
record GroupSettings(int maxMembers, Duration inviteTtl, Duration maxInviteTtl) {}
