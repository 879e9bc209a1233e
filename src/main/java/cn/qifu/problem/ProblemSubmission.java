package cn.qifu.problem;

import cn.qifu.system.ApiError.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A problem as an enterprise's channel (or the front desk) submits it; {@link #problems()} says what is wrong. */
public record ProblemSubmission(String creditCode, String enterpriseName, String contactName, String contactPhone,
                                String channel, String title, String description, String category) {

    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?");

    /** Trims what people type around the values; the credit code is upper-cased, as it is printed on licences. */
    public ProblemSubmission normalized() {
        return new ProblemSubmission(upper(trim(creditCode)), trim(enterpriseName), trim(contactName),
                trim(contactPhone), upper(trim(channel)), trim(title), trim(description), blankToNull(trim(category)));
    }

    /** Every field at fault, each with its own reason; empty when the submission may be stored. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = enterpriseProblems(creditCode, enterpriseName, contactName, contactPhone, channel);
        text(problems, "title", title, 200);
        text(problems, "description", description, 4000);
        if (category != null && category.length() > 50) {
            problems.add(new FieldProblem("category", "TOO_LONG", "不能超过50个字"));
        }
        return problems;
    }

    /** The checks of who is asking, shared by problems and 一类事 applications (values already normalized). */
    public static List<FieldProblem> enterpriseProblems(String creditCode, String enterpriseName, String contactName,
                                                        String contactPhone, String channel) {
        List<FieldProblem> problems = new ArrayList<>();
        CreditCode.problem(creditCode).ifPresent(p -> problems.add(new FieldProblem("creditCode", p[0], p[1])));
        text(problems, "enterpriseName", enterpriseName, 200);
        text(problems, "contactName", contactName, 50);
        if (required(problems, "contactPhone", contactPhone) && !PHONE.matcher(contactPhone).matches()) {
            problems.add(new FieldProblem("contactPhone", "INVALID_FORMAT", "应为11位手机号或带区号的固定电话，如 0572-8888888"));
        }
        if (required(problems, "channel", channel) && channelOf(channel) == null) {
            problems.add(new FieldProblem("channel", "UNKNOWN_VALUE",
                    "渠道应为 WINDOW、HOTLINE、ONLINE、VISIT、PLATFORM 之一"));
        }
        return problems;
    }

    /** The channel as a value, or null when the text names none. */
    public Channel channelValue() {
        return channelOf(channel);
    }

    public static Channel channelOf(String channel) {
        try {
            return channel == null ? null : Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (required(problems, field, value) && value.length() > max) {
            problems.add(new FieldProblem(field, "TOO_LONG", "不能超过" + max + "个字"));
        }
    }

    private static boolean required(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "REQUIRED", "必填"));
            return false;
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(new FieldProblem(field, "INVALID_CHARACTERS", "含有不可见的控制字符"));
            return false;
        }
        return true;
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
