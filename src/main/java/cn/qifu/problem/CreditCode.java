package cn.qifu.problem;

import java.util.Optional;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015): registration authority, organisation
 * type, 6-digit area code, 9-character organisation code, and a check character over the first 17.
 */
public final class CreditCode {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Why a code is not a valid credit code (a machine code and a Chinese reason), or empty when it is. */
    public static Optional<String[]> problem(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of(new String[] {"REQUIRED", "必填"});
        }
        if (code.length() != 18) {
            return Optional.of(new String[] {"INVALID_LENGTH", "统一社会信用代码应为18位"});
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return Optional.of(new String[] {"INVALID_FORMAT",
                        "第" + (i + 1) + "位字符不允许（只能是数字和除 I、O、Z、S、V 外的大写字母）"});
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of(new String[] {"INVALID_FORMAT", "第3至8位应为行政区划代码（数字）"});
            }
        }
        if (code.charAt(17) != checkCharacter(code.substring(0, 17))) {
            return Optional.of(new String[] {"INVALID_CHECKSUM", "校验码不正确，请核对统一社会信用代码"});
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** The 18th character for the first 17. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }
}
