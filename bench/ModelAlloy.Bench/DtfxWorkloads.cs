using DurableTask.Core;

namespace ModelAlloy.Bench;

/// <summary>The engine workloads on DTFx's own programming model (TaskOrchestration / TaskActivity), same shape as <see cref="SdkWorkloads"/>.</summary>
internal static class DtfxWorkloads
{
    public static readonly Type[] Orchestrations = [typeof(FanOutFanIn), typeof(Chain)];

    public static readonly Type[] Activities = [typeof(AddOne)];

    public sealed class AddOne : AsyncTaskActivity<int, int>
    {
        protected override async Task<int> ExecuteAsync(TaskContext context, int input)
        {
            await EngineWork.DelayAsync();
            return input + 1;
        }
    }

    public sealed class FanOutFanIn : TaskOrchestration<long, int>
    {
        public override async Task<long> RunTask(OrchestrationContext context, int input)
        {
            var tasks = new Task<int>[input];
            for (int i = 0; i < input; i++)
            {
                tasks[i] = context.ScheduleTask<int>(typeof(AddOne), i);
            }

            long sum = 0;
            foreach (int value in await Task.WhenAll(tasks))
            {
                sum += value;
            }

            return sum;
        }
    }

    public sealed class Chain : TaskOrchestration<long, int>
    {
        public override async Task<long> RunTask(OrchestrationContext context, int input)
        {
            int x = 0;
            for (int i = 0; i < input; i++)
            {
                x = await context.ScheduleTask<int>(typeof(AddOne), x);
            }

            return x;
        }
    }
}
