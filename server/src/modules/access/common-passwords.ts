/**
 * Passwords refused whatever the profile: the most used ones in leaked lists, worldwide and in
 * China (compared case-insensitively, also with the username and "longkou"/"jingzhi" removed).
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 12345 1234567 111111 123123 1234567890 000000
abc123 password1 iloveyou 1q2w3e4r 666666 654321 123321 qwertyuiop 1qaz2wsx 123qwe zxcvbnm 7777777
121212 112233 987654321 11111111 88888888 a123456 a12345678 woaini1314 5201314 520520 1314520 qq123456
123456a 123456aa 147258369 159357 1qazxsw2 aa123456 abc123456 asdfghjkl iloveyou1 password123 admin
admin123 admin888 root 123abc 1234qwer qwer1234 asd123456 zxc123456 wang123456 li123456 zhang123456
123456789a 12345678a 00000000 99999999 11223344 a1234567 passw0rd p@ssw0rd p@ssword welcome welcome1
letmein monkey dragon master sunshine princess football baseball shadow superman trustno1 hello123
changeme default guest test test123 testtest 12341234 13579 135792468 super123 system manager
administrator qazwsx qazwsxedc 1q2w3e 1q2w3e4r5t q1w2e3r4 q1w2e3r4t5 asdf1234 zaq12wsx 3edc4rfv
abcd1234 abcdef abcdefg abcdefgh aaaaaa aaaaaaaa 888888 8888888 123654 123789 147258 258369 456789
789456 741852963 woaini 52013140 1314521 a5201314 iloveu loveyou 12344321 11112222 woaini520
huang123 liu123456 chen123456 yang123456 zhao123456 000000000 1111111111 123456789012 qwe123
qweasd qweasdzxc qwe123456 asdasd asdasd123 zxczxc 123qweasd password! password12 admin1234
longkou jingzhi longkou123 jingzhi123 longkou2229 shandong yantai`
    .split(/\s+/)
    .filter(Boolean),
);
