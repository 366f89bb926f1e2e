package org.vici4j.controller.config.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The IP protocol and service names charon resolves in a traffic selector's {@code [proto/port]}
 * (with getprotobyname and getservbyname, so from /etc/protocols and /etc/services of charon's
 * host): the names and aliases of Debian's netbase files, as spelt there (case matters). A name
 * missing on charon's host is still refused by charon; numbers always work.
 */
final class IpNames {

    /** Protocol names and aliases (/etc/protocols). */
    static final Set<String> PROTOCOLS = Set.copyOf(Arrays.asList((""
            + "ip IP hopopt HOPOPT icmp ICMP igmp IGMP ggp GGP ipencap IP-ENCAP st ST tcp TCP egp EGP igp IGP pup "
            + "PUP udp UDP hmp HMP xns-idp XNS-IDP rdp RDP iso-tp4 ISO-TP4 dccp DCCP xtp XTP ddp DDP idpr-cmtp "
            + "IDPR-CMTP ipv6 IPv6 ipv6-route IPv6-Route ipv6-frag IPv6-Frag idrp IDRP rsvp RSVP gre GRE esp "
            + "IPSEC-ESP ah IPSEC-AH skip SKIP ipv6-icmp IPv6-ICMP ipv6-nonxt IPv6-NoNxt ipv6-opts IPv6-Opts rspf "
            + "RSPF CPHB vmtp VMTP eigrp EIGRP ospf OSPFIGP ax.25 AX.25 ipip IPIP etherip ETHERIP encap ENCAP pim "
            + "PIM ipcomp IPCOMP vrrp VRRP l2tp L2TP isis ISIS sctp SCTP fc FC mobility-header Mobility-Header "
            + "udplite UDPLite mpls-in-ip MPLS-in-IP manet hip HIP shim6 Shim6 wesp WESP rohc ROHC ethernet "
            + "Ethernet mptcp MPTCP ").strip().split(" +")));

    /** Service names and aliases (/etc/services). */
    static final Set<String> SERVICES = Set.copyOf(Arrays.asList((""
            + "tcpmux echo discard sink null systat users daytime netstat qotd quote chargen ttytst source "
            + "ftp-data ftp fsp fspd ssh telnet smtp mail time timserver whois nicname tacacs domain bootps bootpc "
            + "tftp gopher finger http www kerberos kerberos5 krb5 kerberos-sec iso-tsap tsap acr-nema dicom pop3 "
            + "pop-3 sunrpc portmapper auth authentication tap ident nntp readnews untp ntp epmap loc-srv "
            + "netbios-ns netbios-dgm netbios-ssn imap2 imap snmp snmp-trap snmptrap cmip-man cmip-agent mailq "
            + "xdmcp bgp smux qmtp z3950 wais ipx ptp-event ptp-general pawserv zserv rpc2portmap codaauth2 "
            + "clearcase Clearcase ldap svrloc https snpp microsoft-ds kpasswd submissions ssmtp smtps urd saft "
            + "isakmp rtsp nqs asf-rmcp qmqp ipp ldp exec biff comsat login who whod shell cmd syslog printer "
            + "spooler talk ntalk route router routed gdomap uucp uucpd klogin kshell krcmd dhcpv6-client "
            + "dhcpv6-server afpovertcp nntps snntp submission ldaps tinc silc kerberos-adm domain-s rsync "
            + "ftps-data ftps telnets imaps pop3s socks proofd rootd openvpn rmiregistry lotusnote lotusnotes "
            + "ms-sql-s ms-sql-m ingreslock datametrics old-radius sa-msg-port old-radacct kermit groupwise l2f "
            + "l2tp radius radius-acct radacct cisco-sccp nfs gnunet rtcm-sc104 gsigatekeeper gris cvspserver "
            + "venus venus-se codasrv codasrv-se mon dict f5-globalsite gsiftp gpsd gds-db gds_db icpv2 icp isns "
            + "iscsi-target mysql ms-wbt-server nut distcc daap svn subversion suucp sysrqd sieve epmd remctl "
            + "f5-iquery ntske ipsec-nat-t iax mtn radmin-port sip sip-tls xmpp-client jabber-client xmpp-server "
            + "jabber-server cfengine mdns postgresql postgres freeciv rptp amqps amqp x11 x11-0 x11-1 x11-2 x11-3 "
            + "x11-4 x11-5 x11-6 x11-7 gnutella-svc gnutella-rtr redis sge-qmaster sge_qmaster sge-execd sge_execd "
            + "mysql-proxy babel ircs-u bbs afs3-fileserver afs3-callback afs3-prserver afs3-vlserver "
            + "afs3-kaserver afs3-volser afs3-bos afs3-update afs3-rmtsys font-service xfs http-alt webcache "
            + "puppet bacula-dir bacula-fd bacula-sd xmms2 nbd zabbix-agent zabbix-trapper amanda hkp db-lsp dcap "
            + "gsidcap wnn6 rtmp nbp zip kerberos4 kerberos-iv kdc kerberos-master kerberos_master passwd-server "
            + "passwd_server krb-prop krb_prop krb5_prop hprop zephyr-srv zephyr-clt zephyr-hm iprop supfilesrv "
            + "supfiledbg poppassd moira-db moira_db moira-update moira_update moira-ureg moira_ureg spamd skkserv "
            + "predict rmtcfg xtel xtelw zebrasrv zebra ripd ripngd ospfd bgpd ospf6d ospfapi isisd fax hylafax "
            + "munin lrrd rplay nrpe nsca canna syslog-tls sane-port sane saned ircd zope-ftp tproxy omniorb "
            + "clc-build-daemon xinetd git zope webmin kamanda amandaidx amidxtape sgi-cmsd sgi-crsd sgi-gcd "
            + "sgi-cad binkp asp csync2 dircproxy tfido fido ").strip().split(" +")));

    /** Lower-case protocol names, sorted: the candidates of "did you mean". */
    static final List<String> PROTOCOL_SUGGESTIONS = PROTOCOLS.stream()
            .filter(p -> p.equals(p.toLowerCase(Locale.ROOT))).sorted().toList();

    /** Service names, sorted: the candidates of "did you mean". */
    static final List<String> SERVICE_SUGGESTIONS = SERVICES.stream().sorted().toList();

    private IpNames() {
    }
}
